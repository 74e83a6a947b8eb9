show
ir.99.1
