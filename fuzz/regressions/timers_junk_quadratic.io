Scheduler timers setSize(1000000); yield
