package com.taskscheduler.config;

import java.util.List;

/**
 * Bad configuration, found at start-up. Carries every problem found, so an operator can fix them
 * all in one go instead of restarting once per mistake. Messages never contain secret values.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each naming the setting. */
  public List<String> problems() {
    return problems;
  }
}
