package dev.llmcatalog.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Who runs a daemon, as a second daemon and {@code status} name it. */
record Identity(long pid, String host) {
  static Identity current() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
    }
    return new Identity(ProcessHandle.current().pid(), host);
  }

  /** How the runs it ran and {@code status} name this daemon: {@code host:pid}. */
  String node() {
    return host + ":" + pid;
  }

  String describe(Instant started) {
    return "pid " + pid + " on host " + host + ", started " + started.truncatedTo(ChronoUnit.SECONDS);
  }
}
