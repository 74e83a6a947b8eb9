export
oscal
mapping
