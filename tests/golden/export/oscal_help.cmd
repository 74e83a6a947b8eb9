export
oscal
--help
