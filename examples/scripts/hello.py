"""Example task: prints one line and exits."""
import datetime
import os

print(f"Hello from task {os.environ.get('TASK_SCHEDULER_TASK_ID', '?')} at {datetime.datetime.now():%Y-%m-%d %H:%M:%S}")
