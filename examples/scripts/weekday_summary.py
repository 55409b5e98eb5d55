"""Example task: prints a one-line summary and exits."""
import datetime

print(f"Summary for {datetime.date.today():%A %d %B %Y}: all good")
