package dev.gort.worker.results;

import dev.gort.worker.config.WorkerConfig;
import dev.gort.worker.results.gort.GortJsonParser;
import dev.gort.worker.results.junit.ArtifactZipParser;
import dev.gort.worker.results.junit.JunitXmlParser;
import dev.gort.worker.results.kcidb.KcidbParser;
import dev.gort.worker.results.tap.TapParser;
import dev.gort.worker.results.tuxsuite.TuxSuiteResultsParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Reads a fetched results document in whichever format it is in. */
@ApplicationScoped
public class ResultsReader {

  private final Map<ResultsFormat, ResultsParser> parsers = new EnumMap<>(ResultsFormat.class);

  @Inject WorkerConfig config;

  public ResultsReader() {
    ResultsParser junit = new JunitXmlParser();
    ResultsParser tap = new TapParser();
    for (ResultsParser parser :
        List.of(
            junit,
            tap,
            new ArtifactZipParser(junit, tap),
            new TuxSuiteResultsParser(),
            new KcidbParser(),
            new GortJsonParser())) {
      parsers.put(parser.format(), parser);
    }
  }

  /**
   * @param document opens the document from its start, each time it is called
   */
  public ParsedResults read(Supplier<InputStream> document) throws UnprocessableResultsException {
    return read(document, config.parseLimits());
  }

  public ParsedResults read(Supplier<InputStream> document, ParseLimits limits)
      throws UnprocessableResultsException {
    ResultsFormat format = ResultsFormatDetector.detect(document);
    ResultsParser parser = parsers.get(format);
    try (InputStream in = document.get()) {
      return parser.parse(in, limits);
    } catch (IOException e) {
      throw new UnprocessableResultsException("results cannot be read", e);
    }
  }
}
