package dev.llmcatalog.bench;

import dev.llmcatalog.testsupport.FixtureHub;
import dev.llmcatalog.testsupport.LocalServers;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockWebServer;

/**
 * Every upstream of the shipped config on one local port, as the tests serve it ({@link FixtureHub}: the recorded
 * fixtures), for manual trials such as {@code bench/cluster-trial}: prints the environment that points llm-catalog at
 * it ({@code export NAME=value} lines), then serves until killed.
 *
 * <p>Arguments: {@code [port [body-delay-ms]]}; port 0 (the default) takes a free one; a body delay makes every sync take
 * a while, as the cluster test does.
 */
public final class MockUpstream {
  private MockUpstream() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    long delayMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
    MockWebServer server = LocalServers.mockWebServer();
    FixtureHub hub = new FixtureHub(server);
    if (delayMs > 0) {
      hub.slowDown(Duration.ofMillis(delayMs));
    }
    server.start(InetAddress.getLoopbackAddress(), port);
    for (Map.Entry<String, String> e : new TreeMap<>(hub.env()).entrySet()) {
      System.out.println("export " + e.getKey() + "=" + e.getValue());
    }
    System.out.flush();
    Thread.currentThread().join();
  }
}
