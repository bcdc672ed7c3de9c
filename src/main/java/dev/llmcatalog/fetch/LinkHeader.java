package dev.llmcatalog.fetch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * The pager of paginated APIs: the {@code Link} response header (RFC 8288) with which the Hub's model list and
 * file listings name their next page ({@code Link: <https://huggingface.co/api/models?cursor=...>; rel="next"}).
 */
public final class LinkHeader {
  /** A quoted string may hold {@code ,} and {@code ;}, so it is matched as a whole. */
  private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  private static final String PARAM = ";\\s*([^;,=\\s]+)\\s*(?:=\\s*(?:" + QUOTED + "|([^;,]*)))?\\s*";
  /** One link-value: {@code <target>} and its parameters. */
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:" + PARAM + ")*)");
  private static final Pattern PARAMS = Pattern.compile(PARAM);

  private LinkHeader() {}

  /**
   * The next page: the target of the first link whose {@code rel} includes {@code next}, in any of the answer's
   * {@code Link} headers, resolved against the URL that answered (so a relative target works). Empty on the last
   * page. Text between link-values that cannot be read is skipped, as clients skip links they do not understand.
   *
   * @throws FetchException when that target is no usable URL
   */
  public static Optional<HttpUrl> findNext(Fetched fetched) throws FetchException {
    return findNext(HttpUrl.get(fetched.finalUrl()), fetched.status(), fetched.headers());
  }

  /** As {@link #findNext(Fetched)}, from an answer's headers alone: those of {@code status} from {@code url}. */
  public static Optional<HttpUrl> findNext(HttpUrl url, int status, Headers headers) throws FetchException {
    for (String header : headers.values("Link")) {
      Optional<String> target = findNextTarget(header);
      if (target.isPresent()) {
        HttpUrl next = url.resolve(target.get());
        if (next == null) {
          throw new FetchException(url.toString(), status, url + ": unusable Link header: " + header);
        }
        return Optional.of(next);
      }
    }
    return Optional.empty();
  }

  /** The target of the first {@code rel="next"} link-value of one header value, as written. */
  static Optional<String> findNextTarget(String header) {
    Matcher link = LINK.matcher(header);
    while (link.find()) {
      if (isNext(link.group(2))) {
        return Optional.of(link.group(1).strip());
      }
    }
    return Optional.empty();
  }

  /** Whether the first {@code rel} (RFC 8288 ignores any further one) lists {@code next} among its types. */
  private static boolean isNext(String params) {
    Matcher param = PARAMS.matcher(params);
    while (param.find()) {
      if (param.group(1).equalsIgnoreCase("rel")) {
        String rel = param.group(2) != null ? param.group(2).replaceAll("\\\\(.)", "$1") : param.group(3);
        for (String type : String.valueOf(rel).strip().split("\\s+")) {
          if (type.equalsIgnoreCase("next")) {
            return true;
          }
        }
        return false;
      }
    }
    return false;
  }
}
