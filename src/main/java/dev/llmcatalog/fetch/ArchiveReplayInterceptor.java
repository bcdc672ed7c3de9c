package dev.llmcatalog.fetch;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Answers every request from the archive and never proceeds to the network: the whole chain of an offline
 * client. The answer's request carries the archived final URL, so a source sees the redirects it saw then.
 */
final class ArchiveReplayInterceptor implements Interceptor {
  private final ArchiveLookup archive;

  ArchiveReplayInterceptor(ArchiveLookup archive) {
    this.archive = archive;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String url = request.url().toString();
    Fetched answer = archive.findNewest(request.method(), url).orElseThrow(() -> new FetchException(url, 0,
        "offline: " + request.method() + " " + Fetcher.display(request.url())
            + " was never archived (a sync with network archives it)"));
    String type = answer.headers().get("Content-Type");
    return new Response.Builder()
        .request(request.newBuilder().url(answer.finalUrl()).build())
        .protocol(Protocol.HTTP_1_1)
        .code(answer.status())
        .message("archived")
        .headers(answer.headers())
        .body(ResponseBody.create(answer.body(), type == null ? null : MediaType.parse(type)))
        .build();
  }
}
