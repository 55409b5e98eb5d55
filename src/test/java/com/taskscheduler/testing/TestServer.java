package com.taskscheduler.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * A real Tomcat 10.1 serving either the built WAR or {@code src/main/webapp} (classes from the test
 * class path), configured through servlet context parameters so tests never touch global state.
 */
public final class TestServer implements AutoCloseable {
  private final Tomcat tomcat;
  private final Context context;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestServer(Tomcat tomcat, Context context) {
    this.tomcat = tomcat;
    this.context = context;
  }

  public static TestServer startWebapp(Path baseDir, Map<String, String> contextParams) {
    return start(baseDir, new File("src/main/webapp").getAbsolutePath(), contextParams);
  }

  public static TestServer start(Path baseDir, String docBase, Map<String, String> contextParams) {
    return start(baseDir, docBase, contextParams, Map.of());
  }

  /** As {@link #startWebapp}, plus servlet context attributes set before the application starts. */
  public static TestServer startWebapp(
      Path baseDir, Map<String, String> contextParams, Map<String, Object> contextAttributes) {
    return start(
        baseDir, new File("src/main/webapp").getAbsolutePath(), contextParams, contextAttributes);
  }

  public static TestServer start(
      Path baseDir,
      String docBase,
      Map<String, String> contextParams,
      Map<String, Object> contextAttributes) {
    try {
      Files.createDirectories(baseDir);
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(baseDir.toString());
      tomcat.setPort(0);
      tomcat.getConnector();
      Context context = tomcat.addWebapp("", docBase);
      // cron-utils' manifest names a slf4j-api jar beside it, which Maven keeps elsewhere:
      // following
      // manifest Class-Path entries printed a warning with a stack trace for every server started.
      if (context.getJarScanner() instanceof StandardJarScanner scanner) {
        scanner.setScanManifest(false);
      }
      contextParams.forEach(context::addParameter);
      if (!contextAttributes.isEmpty()) {
        context.addServletContainerInitializer(
            (classes, servletContext) -> contextAttributes.forEach(servletContext::setAttribute),
            null);
      }
      tomcat.start();
      return new TestServer(tomcat, context);
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isAvailable() {
    return context.getState() == LifecycleState.STARTED;
  }

  public Context context() {
    return context;
  }

  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  public URI uri(String path) {
    return URI.create("http://localhost:" + port() + path);
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    }
  }
}
