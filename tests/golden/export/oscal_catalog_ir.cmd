export
oscal
catalog
ir-2024-2690
