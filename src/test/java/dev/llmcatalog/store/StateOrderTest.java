package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateOrderTest {
  // ASCII, Latin-1, CJK, the top of the BMP (U+E000, U+FF21, U+FFFF) and beyond it (U+10000, U+1D538, U+1F600):
  // the last two groups are where UTF-16 order and code point order disagree.
  private static final String[] CHARS = {"", "-", ".", "/", "0", "A", "a", "\u00E9", "\u4E2D", "\uE000", "\uFF21",
      "\uFFFF", "\uD800\uDC00", "\uD835\uDD38", "\uD83D\uDE00"};

  @Test
  void javaSortsTextExactlyAsSqliteDoes() throws Exception {
    Random random = new Random(7);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(5); n > 0; n--) {
        text.append(CHARS[random.nextInt(CHARS.length)]);
      }
      texts.add(text.toString());
    }
    List<String> sqlite = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t(text TEXT NOT NULL)");
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?)")) {
        for (String text : texts) {
          insert.setString(1, text);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT text FROM t ORDER BY text")) {
        while (rs.next()) {
          sqlite.add(rs.getString(1));
        }
      }
    }
    List<String> java = new ArrayList<>(texts);
    java.sort(StateOrder.CODE_POINTS);
    List<String> utf16 = new ArrayList<>(texts);
    utf16.sort(String::compareTo);

    assertThat(java).isEqualTo(sqlite);
    assertThat(utf16).isNotEqualTo(sqlite); // so the sample does reach the case where the two orders differ
  }
}
