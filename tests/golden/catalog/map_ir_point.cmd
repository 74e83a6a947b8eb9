map
ir.5.1.4
