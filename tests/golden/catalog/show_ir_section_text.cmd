show
ir.9
