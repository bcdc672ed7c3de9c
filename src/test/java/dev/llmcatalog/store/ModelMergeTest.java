package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.normalize.Observation;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The per-model digest (V8's subject_digest) keeps its bytes: digests stored by earlier versions stay valid. */
class ModelMergeTest {
  @Test
  void aModelsDigestIsTheSha256OfItsLengthPrefixedFieldsCutTo16Bytes() {
    Observation[] values = {
        new Observation("m", "", "downloads", "684157", null, "u"),
        new Observation("m", "", "license", "apache-2.0", null, "u"),
        new Observation("m", "v1", "mmlu", "71.5", "0.715", "u"),
        new Observation("m", "", "title", "Müller – 模型", "", "u"), // multi-byte UTF-8, and an empty raw text
    };
    // sha256 of, per value: variant, key, value, raw, each as a 4-byte big-endian UTF-8 length (-1: null) and its bytes
    assertThat(HexFormat.of().formatHex(new ModelMerge.Digester().digest(values, 0, values.length)))
        .isEqualTo("52efe191c96425ce2545b9b0f7c478d7");
    assertThat(HexFormat.of().formatHex(new ModelMerge.Digester().digest(values, 1, 3)))
        .isNotEqualTo(HexFormat.of().formatHex(new ModelMerge.Digester().digest(values, 0, 3)));
  }

  @Test
  void aLongModelGrowsTheGatheredBytes() {
    Observation[] values = new Observation[200];
    for (int i = 0; i < values.length; i++) {
      values[i] = new Observation("m", "", String.format("k%03d", i), "x".repeat(100), null, null);
    }
    byte[] whole = new ModelMerge.Digester().digest(values, 0, values.length);
    assertThat(whole).hasSize(16).isEqualTo(new ModelMerge.Digester().digest(values.clone(), 0, values.length));
  }

  @Test
  void oneDigesterGivesEachModelTheDigestAFreshOneWould() {
    Observation[] values = new Observation[60];
    for (int i = 0; i < values.length; i++) {
      values[i] = new Observation("m" + i / 20, "", "k" + i % 20, i % 7 == 0 ? "Müller " + "x".repeat(i * 5) : "v" + i,
          i % 3 == 0 ? null : "r" + i, null);
    }
    ModelMerge.Digester reused = new ModelMerge.Digester();
    for (int[] range : new int[][] {{0, 20}, {20, 40}, {40, 60}, {0, 1}, {0, 20}}) {
      assertThat(reused.digest(values, range[0], range[1])).as("models %d to %d", range[0], range[1])
          .isEqualTo(new ModelMerge.Digester().digest(values, range[0], range[1]));
    }
  }
}
