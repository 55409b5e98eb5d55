package com.taskscheduler.run.launch;

import java.time.Duration;

/**
 * One run to start.
 *
 * @param scriptFolder relative to the scripts root; null or blank means the root itself
 * @param scriptName relative to the folder
 * @param timeout null, zero or negative means no timeout
 */
public record LaunchRequest(
    long taskId,
    long runId,
    String sessionId,
    String scriptFolder,
    String scriptName,
    Duration timeout) {}
