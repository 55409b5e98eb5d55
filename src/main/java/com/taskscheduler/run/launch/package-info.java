/**
 * The process side of running a script (§6), free of the database: the engine writes the log row,
 * calls {@link com.taskscheduler.run.launch.ScriptLauncher#launch}, stores {@code outputFile()} and
 * completes the row from {@code completion()}.
 *
 * <p>Path safety: ScriptFolder and ScriptName are split into plain names (both separators, on every
 * OS), {@code ..}, absolute paths, {@code :} and control characters refused; the result's real path
 * (links resolved) must lie inside the real scripts root and be a regular file. It is resolved
 * again right before {@code ProcessBuilder.start()} and the freshly resolved real path is what
 * runs, so a file swapped for a link after validation is caught. (A swap in the microseconds
 * between that last check and exec is not; Java offers no fexecve.)
 *
 * <p>Tree kill: descendants are sampled every 500 ms while a run lives, because a child's own
 * children re-parent to init once it dies. A kill snapshots root + sampled + current descendants
 * before anything dies, asks them all to end (SIGTERM), and after the kill grace re-scans and
 * forcibly kills whatever is still alive (up to three passes, catching late forks).
 *
 * <p>Output: stdout and stderr share one pipe, drained by one thread per run straight into {@code
 * <outputDir>/<runId>.log}; past the cap it reads and discards, so the child never blocks, and a
 * truncation note ends the file. A run completes when the process has exited and the pipe is at its
 * end; if the process exited but something it started keeps the pipe open longer than the kill
 * grace, the run completes anyway and capturing continues in the background.
 */
package com.taskscheduler.run.launch;
