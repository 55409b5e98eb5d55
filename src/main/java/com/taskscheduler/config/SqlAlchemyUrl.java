package com.taskscheduler.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the Python tool's SQLAlchemy URL ({@code mssql+pyodbc://user:pass@host:port/db?...} or
 * {@code mssql+pymssql://...}) into an mssql-jdbc URL plus user name and password.
 *
 * <p>Credentials are returned separately, never written into the JDBC URL: mssql-jdbc's escaping of
 * special characters there ({@code {...}}) is fragile. Unknown query parameters are dropped rather
 * than copied, so the URL cannot smuggle in arbitrary driver properties.
 */
final class SqlAlchemyUrl {
  static final String SETTING = "DATABASE_CONNECTION_STRING";

  private static final Pattern SCHEME =
      Pattern.compile("(?i)(mssql(?:\\+pyodbc|\\+pymssql)?)://(.*)", Pattern.DOTALL);

  // As SQLAlchemy: the user name stops at ":", the password at "@". Unlike SQLAlchemy the password
  // may also contain a raw "@", because the shortest password that leaves a valid host wins.
  private static final Pattern REST =
      Pattern.compile(
          "(?:([^:/@]*)(?::(.*?))?@)?([^/?@]*)(?:/([^?]*))?(?:\\?(.*))?", Pattern.DOTALL);

  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9_$#.-]+");
  private static final Pattern OLD_ODBC_DRIVER =
      Pattern.compile("(?i)odbc driver (\\d+) for sql server");
  private static final Pattern DB_PLACEHOLDER =
      Pattern.compile("\\{db\\}", Pattern.CASE_INSENSITIVE);

  private SqlAlchemyUrl() {}

  static boolean matches(String url) {
    return SCHEME.matcher(url).matches();
  }

  /**
   * @param url the SQLAlchemy URL
   * @param dbName what replaces {@code {db}} in the URL's database
   * @param fallbackUser used when the URL has no user name
   * @param fallbackPassword used when the URL has no password
   * @throws ConfigException naming {@value #SETTING}; the message never contains the password
   */
  static DatabaseSettings toDatabaseSettings(
      String url, String dbName, String fallbackUser, String fallbackPassword) {
    Matcher scheme = SCHEME.matcher(url.strip());
    if (!scheme.matches()) {
      throw problem("not an mssql+pyodbc:// or mssql+pymssql:// URL");
    }
    boolean pymssql = scheme.group(1).toLowerCase(Locale.ROOT).endsWith("pymssql");
    Matcher m = REST.matcher(scheme.group(2));
    if (!m.matches()) {
      throw problem(
          "cannot parse the URL (percent-encode special characters in the user name and password)");
    }
    String user = blankToNull(decode(m.group(1), false));
    String password = m.group(2) == null ? null : decode(m.group(2), false);
    if (password != null && password.isEmpty()) {
      password = null;
    }
    if (user == null) {
      user = fallbackUser;
    }
    if (password == null) {
      password = fallbackPassword;
    }

    Query query = Query.parse(m.group(5));
    if (query.odbcConnect && m.group(3).isEmpty()) {
      throw problem(
          "?odbc_connect= is not supported (use"
              + " mssql+pyodbc://user:pass@host:port/{db}?driver=...)");
    }
    StringBuilder jdbc = new StringBuilder("jdbc:sqlserver://");
    appendServer(jdbc, decode(m.group(3), false));
    String database = m.group(4) == null ? "" : decode(m.group(4), false);
    database = DB_PLACEHOLDER.matcher(database).replaceAll(Matcher.quoteReplacement(dbName));
    if (!database.isEmpty()) {
      if (database.matches(".*[;={}].*")) {
        throw problem("the database name must not contain ; = { or }");
      }
      jdbc.append(";databaseName=").append(database);
    }

    int slash = user == null ? -1 : user.indexOf('\\');
    if (slash > 0 && password != null && !query.trusted) {
      // A user name with a domain before a backslash is a Windows domain login, as FreeTDS
      // (pymssql) and the ODBC driver take it: mssql-jdbc's pure-Java NTLM, no native library.
      String domain = user.substring(0, slash);
      if (domain.matches(".*[;={}].*")) {
        throw problem("the Windows domain must not contain ; = { or }");
      }
      jdbc.append(";integratedSecurity=true;authenticationScheme=NTLM;domain=").append(domain);
      user = user.substring(slash + 1);
    } else if (user == null || query.trusted) {
      // The login of the process: on Windows it needs mssql-jdbc's native library (README).
      jdbc.append(";integratedSecurity=true");
    }
    String encrypt = query.encrypt;
    if (encrypt == null && (pymssql || encryptsNotByDefault(query.driver))) {
      // The Python tool's driver does not encrypt; mssql-jdbc 12+ would, and fail against servers
      // without a trusted certificate that the Python tool reaches fine.
      encrypt = "false";
    }
    if (encrypt != null) {
      jdbc.append(";encrypt=").append(encrypt);
    }
    if (query.trustServerCertificate != null) {
      jdbc.append(";trustServerCertificate=").append(query.trustServerCertificate);
    }
    return new DatabaseSettings(jdbc.toString(), user, password, false);
  }

  private static void appendServer(StringBuilder jdbc, String server) {
    String host = server;
    String port = null;
    String instance = null;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw problem("unclosed [ in the IPv6 host");
      }
      String rest = host.substring(close + 1);
      host = host.substring(1, close);
      if (rest.startsWith(":")) {
        port = rest.substring(1);
      } else if (!rest.isEmpty()) {
        throw problem("unexpected text after the IPv6 host");
      }
    } else {
      // ODBC's "host,port" is sometimes written into the URL instead of "host:port".
      int sep = Math.max(host.lastIndexOf(':'), host.lastIndexOf(','));
      if (sep >= 0) {
        port = host.substring(sep + 1);
        host = host.substring(0, sep);
      }
      int backslash = host.indexOf('\\');
      if (backslash >= 0) {
        instance = host.substring(backslash + 1);
        host = host.substring(0, backslash);
        if (!INSTANCE.matcher(instance).matches()) {
          throw problem("invalid SQL Server instance name after \\ in the host");
        }
      }
    }
    if (host.isEmpty()) {
      throw problem(
          "the URL has no host (expected mssql+pyodbc://user:pass@host:port/{db}?driver=...)");
    }
    boolean ipv6 = server.startsWith("[");
    if (!(ipv6 ? IPV6 : HOST_NAME).matcher(host).matches()) {
      // The value is not shown: a mistyped URL can leave part of the password here.
      throw problem("invalid host name (use letters, digits, \".\" and \"-\", or [IPv6])");
    }
    if (ipv6) {
      // mssql-jdbc reads IPv6 addresses only from the serverName property.
      jdbc.append(";serverName=").append(host);
      if (port != null) {
        jdbc.append(";portNumber=").append(checkPort(port));
      }
      return;
    }
    jdbc.append(host);
    if (port != null) {
      jdbc.append(':').append(checkPort(port));
    }
    if (instance != null) {
      jdbc.append(";instanceName=").append(instance);
    }
  }

  private static int checkPort(String port) {
    if (port.matches("\\d{1,5}")) {
      int p = Integer.parseInt(port);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    }
    throw problem("invalid port (use a number 1..65535)");
  }

  /** True for drivers that, like ODBC Driver 17 and older, do not encrypt unless asked to. */
  private static boolean encryptsNotByDefault(String driver) {
    if (driver == null) {
      return false;
    }
    Matcher m = OLD_ODBC_DRIVER.matcher(driver);
    if (m.find()) {
      return Integer.parseInt(m.group(1)) <= 17;
    }
    String d = driver.strip().toLowerCase(Locale.ROOT);
    return d.equals("sql server")
        || d.startsWith("sql server native client")
        || d.equals("freetds");
  }

  private static final class Query {
    String driver;
    boolean trusted;
    String encrypt;
    String trustServerCertificate;
    boolean odbcConnect;

    static Query parse(String query) {
      Query q = new Query();
      if (query == null || query.isEmpty()) {
        return q;
      }
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key =
            decode(eq < 0 ? pair : pair.substring(0, eq), true).strip().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true).strip();
        switch (key) {
          case "driver" -> q.driver = value;
          case "trusted_connection" -> q.trusted = yesNo(key, value);
          case "trustservercertificate" ->
              q.trustServerCertificate = Boolean.toString(yesNo(key, value));
          case "encrypt" -> q.encrypt = encrypt(value);
          case "odbc_connect" -> q.odbcConnect = true;
          default -> {
            // Ignored on purpose: see the class comment.
          }
        }
      }
      return q;
    }

    private static boolean yesNo(String key, String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "yes", "true", "1":
          return true;
        case "no", "false", "0":
          return false;
        default:
          throw problem("query parameter " + key + " must be yes or no, not \"" + value + "\"");
      }
    }

    private static String encrypt(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "yes", "true", "mandatory", "1":
          return "true";
        case "no", "false", "optional", "0":
          return "false";
        case "strict":
          return "strict";
        default:
          throw problem("query parameter Encrypt must be yes, no or strict, not \"" + value + "\"");
      }
    }
  }

  private static ConfigException problem(String what) {
    return new ConfigException(SETTING + ": " + what);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * Percent-decodes as Python's {@code unquote} (and {@code unquote_plus} for query parts): a "%"
   * not followed by two hex digits is kept as is.
   */
  static String decode(String s, boolean plusIsSpace) {
    if (s == null) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
        continue;
      }
      flush(bytes, out);
      out.append(plusIsSpace && c == '+' ? ' ' : c);
    }
    flush(bytes, out);
    return out.toString();
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() > 0) {
      out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
      bytes.reset();
    }
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }
}
