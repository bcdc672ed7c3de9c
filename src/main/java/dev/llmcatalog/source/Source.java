package dev.llmcatalog.source;

import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.normalize.ValueSink;
import dev.llmcatalog.progress.SourceProgress;
import java.io.IOException;

/**
 * One upstream: fetches and normalizes everything it provides for the catalog. A source either returns
 * its full observed state or throws; it never returns a partial state as if it were whole (parts it could
 * not read are named in {@link SourceData#kept()}, and the sync keeps their previous values).
 */
public interface Source {
  /** Stable name, stored with each snapshot ({@code hub}, {@code openllm-v1}, ...). */
  String name();

  SourceData fetch() throws IOException;

  /**
   * As {@link #fetch()}, telling {@code progress} how many models to expect and how many are done. A source that
   * cannot tell keeps this default: its requests and retries are still counted by the fetch layer.
   */
  default SourceData fetch(SourceProgress progress) throws IOException {
    return fetch();
  }

  /**
   * As {@link #fetch(SourceProgress)}, handing values to {@code sink} as they arrive (see {@link ValueSink}) so that
   * they can be stored during the fetch. A source whose state is small keeps this default and hands nothing.
   */
  default SourceData fetch(SourceProgress progress, ValueSink sink) throws IOException {
    return fetch(progress);
  }

  /**
   * True when the source's subjects are Hub ids already (the Hub itself), so they need no resolving: resolving a
   * 100,000-model Hub state would only cost memory.
   */
  default boolean subjectsAreHubIds() {
    return false;
  }
}
