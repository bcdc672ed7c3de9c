package dev.llmcatalog.chart;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ChartsConfig;
import dev.llmcatalog.config.ConfigException;
import dev.llmcatalog.config.Group;
import dev.llmcatalog.config.TableConfig;
import dev.llmcatalog.render.CatalogFile;
import dev.llmcatalog.store.StateReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trend charts as SVG files beside the catalog, as the config's {@code charts} section asks. A chart is written
 * only when its bytes change, and they change only with its data: the same history gives the same file.
 */
public final class ChartFiles {
  private ChartFiles() {}

  /** Writes every configured chart of the catalog at {@code catalog} whose data changed; returns the files written. */
  public static List<Path> write(CatalogConfig config, StateReader store, Path catalog) {
    List<Path> written = new ArrayList<>();
    draw(config, store, catalog).forEach((file, svg) -> {
      if (!svg.equals(CatalogFile.read(file))) {
        CatalogFile.write(file, svg);
        written.add(file);
      }
    });
    return written;
  }

  /** The configured charts of the catalog at {@code catalog} that {@link #write} would write, writing nothing. */
  public static List<Path> findStale(CatalogConfig config, StateReader store, Path catalog) {
    List<Path> stale = new ArrayList<>();
    draw(config, store, catalog).forEach((file, svg) -> {
      if (!svg.equals(CatalogFile.read(file))) {
        stale.add(file);
      }
    });
    return stale;
  }

  /** Every configured chart, file -> SVG, in config order (tables, then groups). */
  private static Map<Path, String> draw(CatalogConfig config, StateReader store, Path catalog) {
    ChartsConfig charts = config.charts();
    Map<Path, String> drawn = new LinkedHashMap<>();
    if (!charts.enabled()) {
      return drawn;
    }
    Path folder = charts.folder(catalog);
    TrendReader reader = new TrendReader(store);
    for (String id : charts.tables()) {
      TableConfig table = config.findTable(id).orElseThrow();
      drawn.put(folder.resolve(ChartsConfig.fileName(ChartsConfig.TABLE, id)),
          TrendRenderer.svg(reader.table(table, charts.top(), charts.title(table))));
    }
    for (String id : charts.groups()) {
      Group group = config.findGroup(id).orElseThrow();
      drawn.put(folder.resolve(ChartsConfig.fileName(ChartsConfig.GROUP, id)),
          TrendRenderer.svg(reader.group(group, charts.top(), charts.title(group))));
    }
    return drawn;
  }

  /** The chart of table {@code tableId} as SVG, whether or not the config draws it; an unknown table is a config error. */
  public static String drawTable(CatalogConfig config, StateReader store, String tableId) {
    TableConfig table = config.findTable(tableId).orElseThrow(() -> new ConfigException("unknown table '" + tableId
        + "' (tables of " + config.file() + ": " + String.join(", ", config.tables().stream().map(TableConfig::id).toList())
        + ")"));
    return TrendRenderer.svg(new TrendReader(store).table(table, config.charts().top(), config.charts().title(table)));
  }
}
