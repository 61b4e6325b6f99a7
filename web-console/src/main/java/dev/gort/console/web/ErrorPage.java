package dev.gort.console.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The page shown instead of the one asked for when it cannot be shown: a title and a sentence a
 * person can act on, never a stack trace or a blank page.
 */
public final class ErrorPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance error(int status, String title, String message, boolean plain);
  }

  private ErrorPage() {}

  public static Response response(int status, String title, String message) {
    return page(status, title, message, false);
  }

  /**
   * Without the signed-in user's navigation: for failures outside a request's scope (sign-in, the
   * router), where who is signed in is not known.
   */
  public static Response bare(int status, String title, String message) {
    return page(status, title, message, true);
  }

  private static Response page(int status, String title, String message, boolean plain) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(Templates.error(status, title, message, plain).render())
        .build();
  }

  public static Response notFound() {
    return response(
        404, "Not found", "There is no such page, or what it shows is not yours to see.");
  }
}
