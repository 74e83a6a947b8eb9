export
oscal
catalog
