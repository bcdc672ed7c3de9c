package dev.llmcatalog.source.tabby;

import java.util.List;

/** One board file ({@code tabby.yml}, {@code instruct.yml}, {@code cceval.yml}): its models in file order. */
record TabbyBoard(List<TabbyModel> models) {
  TabbyBoard {
    models = List.copyOf(models);
  }
}
