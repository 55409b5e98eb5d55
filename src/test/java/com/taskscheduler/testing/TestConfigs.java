package com.taskscheduler.testing;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.config.ConfigLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Builds real configurations from given settings, independent of the machine's environment. */
public final class TestConfigs {
  private TestConfigs() {}

  /** A configuration for identity alice@test-host in Europe/Berlin plus {@code settings}. */
  public static AppConfig config(Path home, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(defaults(home));
    all.putAll(settings);
    return new ConfigLoader(Map.of(), all, name -> null, home, home).load();
  }

  public static Map<String, String> defaults(Path home) {
    return Map.of(
        "TASK_SCHEDULER_USER", "Alice",
        "TASK_SCHEDULER_HOST", "test-host",
        "TASK_SCHEDULER_TIMEZONE", "Europe/Berlin",
        "TASK_SCHEDULER_SCRIPTS_ROOT", home.toString(),
        "TASK_SCHEDULER_OUTPUT_DIR", home.resolve("output").toString());
  }
}
