package dev.llmcatalog.progress;

import java.time.Duration;

/** Shows a source's progress; called by one {@link Tracker} at a time, at most as often as its pace says. */
interface Renderer {
  /** How long after a source's start the first update may come: a source done sooner shows nothing at all. */
  Duration first();

  /** The least time between two updates. */
  Duration every();

  void update(Counts counts);

  /** The source ended; called only when {@link #update} was called for it. */
  void finish(Counts counts, boolean ok);
}
