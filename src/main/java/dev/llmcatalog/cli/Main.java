package dev.llmcatalog.cli;

import dev.llmcatalog.app.World;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code llm-catalog} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    boolean terminal = System.console() != null;
    System.exit(Cli.execute(new Cli.Context(World.system(), out, err, terminal, stderrIsTerminal().orElse(terminal)), args));
  }

  /**
   * Whether stderr, where the progress bar goes, is a terminal, when the system says: {@code System.console()} only
   * tells about stdin and stdout, so {@code sync 2>>sync.log} would get the bar's redraws in its file and
   * {@code sync > out.txt} no bar at all. Linux says where fd 2 points; elsewhere the console stands in for it.
   */
  private static Optional<Boolean> stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    if (!Files.isSymbolicLink(fd2)) {
      return Optional.empty();
    }
    try {
      String target = Files.readSymbolicLink(fd2).toString();
      return Optional.of(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty"));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
