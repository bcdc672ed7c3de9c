package dev.llmcatalog.normalize;

import java.util.List;

/**
 * Takes a source's values while the source is still fetching, so that they can be stored while later pages are on
 * the way (a sync stages them under a snapshot nobody sees yet). Each call hands every value of one or more models.
 * A model handed again is replaced as a whole by the later hand-off: a source that learns more about a model it has
 * handed (the same model in two query groups) hands its settled values again. What a source returns from its fetch
 * is still its whole state; the values it handed must be exactly that state's values.
 */
@FunctionalInterface
public interface ValueSink {
  /** Takes nothing: the source's returned state is all there is. */
  ValueSink NONE = values -> {};

  /**
   * Every value of the models in {@code values}. Called from one thread at a time (any thread): the order of the calls
   * is the order of the hand-offs, so a model handed again is replaced by the later one.
   */
  void accept(List<Observation> values);
}
