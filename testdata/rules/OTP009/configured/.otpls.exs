[task_supervisor: Billing.Tasks]
