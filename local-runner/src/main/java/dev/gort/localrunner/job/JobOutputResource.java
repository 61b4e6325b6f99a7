package dev.gort.localrunner.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's output log and results, for the results worker (and people): no bearer token, but the
 * job's unguessable read token in the URL ({@code ?read=}), as the callback's resultsUrl carries
 * it. A wrong token is a 404, as for a job that does not exist.
 */
@Path("/api/v1/jobs/{id}")
public class JobOutputResource {

  /** The most of a results file the agent serves. */
  static final int MAX_RESULTS_BYTES = 1024 * 1024;

  @Inject JobService jobs;
  @Inject ObjectMapper mapper;

  /** The output so far (the whole log once the job ended), text. */
  @GET
  @Path("/log")
  public Response log(@PathParam("id") String id, @QueryParam("read") String read)
      throws IOException {
    Job job = jobs.findReadable(id, read);
    byte[] log = Files.exists(job.logFile()) ? Files.readAllBytes(job.logFile()) : new byte[0];
    return Response.ok(log, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
        .header("X-Gort-Job-Status", job.status())
        .build();
  }

  /**
   * The results document of an ended job: the file its commands wrote to {@code $GORT_RESULTS_FILE}
   * (a regular file, not a link, at most 1 MiB), else one test per command.
   */
  @GET
  @Path("/results")
  public Response results(@PathParam("id") String id, @QueryParam("read") String read)
      throws IOException {
    Job job = jobs.findReadable(id, read);
    if (job.outcome().isEmpty()) {
      return JobProblems.problem(
          409, "Conflict", "the job is still running; results come when it ended");
    }
    java.nio.file.Path file = job.resultsFile();
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      boolean inside =
          !Files.isSymbolicLink(file.getParent())
              && file.getParent().toRealPath().equals(job.workDir().toRealPath().resolve(".gort"));
      if (!attributes.isRegularFile() || !inside) {
        return JobProblems.problem(
            422,
            "Unprocessable Content",
            "the job's results file is not a regular file in its directory");
      }
      if (attributes.size() > MAX_RESULTS_BYTES) {
        return JobProblems.problem(
            422,
            "Unprocessable Content",
            "the job's results file is larger than " + MAX_RESULTS_BYTES + " bytes");
      }
      try (InputStream in =
          Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        byte[] bytes = in.readNBytes(MAX_RESULTS_BYTES);
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).build();
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("jobId", job.id());
    doc.put("experiment", job.spec().experiment());
    doc.put("tests", job.commandResults());
    JsonNode tree = mapper.valueToTree(doc);
    return Response.ok(tree, MediaType.APPLICATION_JSON_TYPE).build();
  }
}
