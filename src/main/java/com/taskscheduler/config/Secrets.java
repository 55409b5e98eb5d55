package com.taskscheduler.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps secrets out of anything that might end up in a log. */
final class Secrets {
  static final String MASK = "****";
  static final String NONE = "(none)";

  // password=..., pwd=... in ";" (sqlserver, h2) and "?&" (postgresql, mysql) property lists;
  // mssql-jdbc allows {braced} values that may themselves contain ";".
  private static final Pattern PROPERTY =
      Pattern.compile(
          "(?i)(\\b(?:password|pwd|passwd|pass|passphrase|secret|accesstoken|clientsecret)\\s*=\\s*)"
              + "(\\{(?:[^}]|\\}\\})*\\}?|[^;&]*)");

  // //user:password@host. Greedy up to the last "@" before any ";": masking too much is better
  // than leaking a password that contains "@", "/" or "?", but ";user=bob@corp.com" (mssql-jdbc)
  // is no password.
  private static final Pattern USER_INFO = Pattern.compile("(//[^:/@;?&\\s]*:)([^;]*)@");

  // Oracle thin: jdbc:oracle:thin:user/password@host
  private static final Pattern ORACLE =
      Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:]*/)(.*)@");

  private Secrets() {}

  static String mask(String secret) {
    return secret == null ? NONE : MASK;
  }

  /** The URL with any password in it replaced by {@value #MASK}. */
  static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked =
        PROPERTY.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    masked =
        USER_INFO
            .matcher(masked)
            .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    return ORACLE
        .matcher(masked)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
  }
}
