package dev.gort.cli.pipeline;

import dev.gort.cli.exit.CliFailure;
import dev.gort.common.pipeline.PipelineParser;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.PipelineValidationException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A pipeline file named on the command line, read and validated by common's {@link PipelineParser},
 * the check the scheduler makes too.
 */
public final class PipelineFile {

  private PipelineFile() {}

  /**
   * @param name the file as the user named it (problems are printed with it)
   * @throws CliFailure a usage error when the file cannot be read
   * @throws PipelineValidationException when it is not a valid pipeline
   */
  public static PipelineSpec parse(String name) {
    return new PipelineParser().parse(read(name));
  }

  static String read(String name) {
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      throw CliFailure.usage(name + " is a directory, not a pipeline file");
    }
    try {
      if (Files.size(path) > PipelineParser.MAX_BYTES) {
        throw CliFailure.usage(name + " is larger than 256 KiB, the most a pipeline file may have");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
          .toString();
    } catch (NoSuchFileException e) {
      throw CliFailure.usage("cannot read " + name + ": no such file");
    } catch (AccessDeniedException e) {
      throw CliFailure.usage("cannot read " + name + ": permission denied");
    } catch (CharacterCodingException e) {
      throw CliFailure.usage("cannot read " + name + ": not UTF-8 text");
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + name + ": " + e.getMessage());
    }
  }
}
