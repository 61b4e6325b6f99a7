package dev.gort.testsupport;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

/**
 * Who a service test is when it calls the API: every Gort API takes only bearer tokens, so a test
 * signs in once ({@link #callAs}) and RestAssured sends that caller's token with every request; a
 * request may still name another caller ({@link #as}) or none ({@link #anonymous}).
 */
public final class ApiTokens {

  public static final String AUTHORIZATION = "Authorization";

  private ApiTokens() {}

  /** From now on, requests go out as {@code username} with {@code roles}. */
  public static synchronized void callAs(String username, String... roles) {
    RestAssured.config =
        RestAssuredConfig.config()
            .headerConfig(
                HeaderConfig.headerConfig()
                    .overwriteHeadersWithName(AUTHORIZATION, "Content-Type", "Accept"));
    RestAssured.requestSpecification =
        new RequestSpecBuilder().addHeader(AUTHORIZATION, bearer(username, roles)).build();
  }

  /** From now on, requests go out as the operator {@code ops}, who may read and do anything. */
  public static void callAsOperator() {
    callAs("ops", "operator");
  }

  /** A request as {@code username} with {@code roles}, whoever the test signed in as. */
  public static RequestSpecification as(String username, String... roles) {
    return RestAssured.given().header(AUTHORIZATION, bearer(username, roles));
  }

  /**
   * A request with no token at all: RestAssured takes its default specification (the signed-in
   * caller's token) when a request is begun, so it is left out for this one.
   */
  public static synchronized RequestSpecification anonymous() {
    RequestSpecification signedIn = RestAssured.requestSpecification;
    RestAssured.requestSpecification = null;
    try {
      return RestAssured.given();
    } finally {
      RestAssured.requestSpecification = signedIn;
    }
  }

  /** The {@code Authorization} value for {@code username} with {@code roles}. */
  public static String bearer(String username, String... roles) {
    return "Bearer " + TestIssuer.token(username, roles);
  }
}
