standard
iso27001
