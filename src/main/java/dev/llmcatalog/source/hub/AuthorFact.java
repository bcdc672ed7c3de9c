package dev.llmcatalog.source.hub;

import java.util.Optional;

/**
 * What the Hub source's last successful sync learned of one author of several listed models (memory key
 * {@code author:<name>}, value {@code "<state> <found>"}): how it asked for them and how many of them that found.
 */
record AuthorFact(State state, int found) {
  /** How the last sync asked for the author's listed models, and what that taught. */
  enum State {
    /** By model-info, the author never listed yet; {@code found} of them answered under their own id. */
    PRESENT("present"),
    /** By one listing, which held all the author's models; {@code found} of the listed ones were in it. */
    ONE_PAGE("one-page"),
    /** By one listing, which had a next page: the author is too large to list; {@code found} were on the first. */
    LARGE("large"),
    /** By model-info, because an earlier listing did not pay (the author is large, or it found fewer than two). */
    NO_GAIN("no-gain");

    private final String text;

    State(String text) {
      this.text = text;
    }
  }

  static final String KEY_PREFIX = "author:";

  /** The fact recorded as {@code value}; empty for none or one this build cannot read (it then asks as it did first). */
  static Optional<AuthorFact> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    int space = value.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    for (State state : State.values()) {
      if (state.text.equals(value.substring(0, space))) {
        try {
          return Optional.of(new AuthorFact(state, Integer.parseInt(value.substring(space + 1))));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  String value() {
    return state.text + " " + found;
  }

  /**
   * Whether the next sync lists the author: one listing then replaces at least two model-info requests (its listed
   * models were there, or answered under their own ids, last time). An author whose listing did not pay is never listed
   * again, so that a listing can cost a request more than model-info would only once per author.
   */
  boolean listNext() {
    return (state == State.PRESENT || state == State.ONE_PAGE) && found >= 2;
  }

  /** Whether the last sync listed the author: a replay of its answers must list it too. */
  boolean listed() {
    return state == State.ONE_PAGE || state == State.LARGE;
  }

  /**
   * What a sync that asked by model-info learns, {@code found} of the author's listed models having answered under
   * their own ids: an author whose listing did not pay stays so.
   */
  static AuthorFact askedEach(Optional<AuthorFact> before, int found) {
    boolean neverListed = before.isEmpty() || before.get().state == State.PRESENT;
    return new AuthorFact(neverListed ? State.PRESENT : State.NO_GAIN, found);
  }
}
