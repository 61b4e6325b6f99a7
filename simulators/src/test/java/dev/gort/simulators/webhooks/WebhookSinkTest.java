package dev.gort.simulators.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class WebhookSinkTest {

  @BeforeEach
  void empty() {
    given().delete("/sim/webhooks").then().statusCode(204);
  }

  @Test
  void anyBodyIsRecordedWithItsHeadersByName() {
    given()
        .contentType("application/json")
        .header("X-Chat-Token", "t-1")
        .body("{\"text\":\"run passed\"}")
        .post("/sim/webhooks/chat")
        .then()
        .statusCode(204);
    given()
        .contentType("text/plain")
        .body("not json at all")
        .post("/sim/webhooks/other")
        .then()
        .statusCode(204);

    given()
        .queryParam("name", "chat")
        .get("/sim/webhooks")
        .then()
        .statusCode(200)
        .body("value", hasSize(1))
        .body("value[0].name", equalTo("chat"))
        .body("value[0].body", equalTo("{\"text\":\"run passed\"}"))
        .body("value[0].headers.'x-chat-token'", equalTo("t-1"))
        .body("value[0].receivedAt", notNullValue());
    given().get("/sim/webhooks").then().body("value", hasSize(2));
    given()
        .queryParam("name", "other")
        .get("/sim/webhooks")
        .then()
        .body("value[0].body", equalTo("not json at all"));
  }
}
