package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  private static final String PAGE = "https://huggingface.co/api/models?author=TheBloke&limit=1000";

  private static Optional<HttpUrl> next(String... links) throws FetchException {
    Headers.Builder headers = new Headers.Builder().add("Content-Type", "application/json");
    for (String link : links) {
      headers.add("Link", link);
    }
    return LinkHeader.findNext(new Fetched(PAGE, PAGE, 200, headers.build(), new byte[0]));
  }

  @Test
  void readsTheHubsAbsoluteNextLink() throws Exception {
    assertThat(next("<https://huggingface.co/api/models?author=TheBloke&limit=1000&cursor=eyJ9>; rel=\"next\""))
        .contains(HttpUrl.get("https://huggingface.co/api/models?author=TheBloke&limit=1000&cursor=eyJ9"));
  }

  @Test
  void resolvesARelativeTargetAgainstTheUrlThatAnswered() throws Exception {
    assertThat(next("</api/models?cursor=abc>; rel=\"next\"")).contains(HttpUrl.get("https://huggingface.co/api/models?cursor=abc"));
    assertThat(next("<?cursor=2>; rel=next")).contains(HttpUrl.get("https://huggingface.co/api/models?cursor=2"));
  }

  @Test
  void findsNextAmongSeveralLinksInOneHeaderOrSeveral() throws Exception {
    assertThat(next("<https://x.test/1>; rel=\"prev\", <https://x.test/3>; rel=\"next\", <https://x.test/9>; rel=\"last\""))
        .contains(HttpUrl.get("https://x.test/3"));
    assertThat(next("<https://x.test/1>; rel=\"first\"", "<https://x.test/2>; rel=\"next\""))
        .contains(HttpUrl.get("https://x.test/2"));
    // A comma or semicolon inside the target or inside a quoted value does not end the link.
    assertThat(next("<https://x.test/a,b;c>; title=\"one, two; <three>\"; rel=\"next\""))
        .contains(HttpUrl.get("https://x.test/a,b;c"));
  }

  @Test
  void relMayBeQuotedOrNotInAnyCaseAndListSeveralTypes() throws Exception {
    assertThat(next("<https://x.test/2>;rel=next")).contains(HttpUrl.get("https://x.test/2"));
    assertThat(next("<https://x.test/2> ; REL = \"Next\"")).contains(HttpUrl.get("https://x.test/2"));
    assertThat(next("<https://x.test/2>; rel=\"next last\"")).contains(HttpUrl.get("https://x.test/2"));
  }

  @Test
  void noNextLinkIsTheLastPage() throws Exception {
    assertThat(next()).isEmpty();
    assertThat(next("<https://x.test/1>; rel=\"prev\"")).isEmpty();
    assertThat(next("<https://x.test/1>; rel=\"nextpage\"", "<https://x.test/2>; title=\"next\"")).isEmpty();
    // RFC 8288: only a link's first rel counts.
    assertThat(next("<https://x.test/1>; rel=\"prev\"; rel=\"next\"")).isEmpty();
    assertThat(next("garbage", "rel=\"next\"")).isEmpty();
  }

  @Test
  void aNextTargetThatIsNoUrlFailsNamingThePage() {
    assertThatThrownBy(() -> next("<http://[bad>; rel=\"next\""))
        .isInstanceOf(FetchException.class).hasMessage(PAGE + ": unusable Link header: <http://[bad>; rel=\"next\"");
  }
}
