package dev.llmcatalog.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.apache.batik.anim.dom.SAXSVGDocumentFactory;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.apache.batik.util.XMLResourceDescriptor;
import org.w3c.dom.Document;

/** A real SVG renderer for tests: Batik parses an SVG as an SVG DOM and transcodes it to PNG. */
public final class SvgRenderer {
  private SvgRenderer() {}

  /** The SVG parsed by Batik's SVG document factory (fails on anything that is not well-formed SVG). */
  public static Document parse(String svg) throws IOException {
    SAXSVGDocumentFactory factory = new SAXSVGDocumentFactory(XMLResourceDescriptor.getXMLParserClassName());
    return factory.createDocument("file:chart.svg", new StringReader(svg));
  }

  /** The SVG as Batik draws it, as PNG bytes. */
  public static byte[] png(String svg) throws TranscoderException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    new PNGTranscoder().transcode(new TranscoderInput(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))),
        new TranscoderOutput(png));
    return png.toByteArray();
  }

  /** The PNG as an image. */
  public static BufferedImage image(byte[] png) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(png));
  }
}
