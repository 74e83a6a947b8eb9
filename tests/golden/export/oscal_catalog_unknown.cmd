export
oscal
catalog
iso27001
