package dev.gort.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every action of the console is a form that carries the CSRF token, so that none is forgotten. */
class FormsHaveCsrfTest {

  @Test
  void everyPostTakesTheCsrfField() throws Exception {
    List<String> posts = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (Class<?> type : consoleClasses()) {
      if (type.isInterface()) {
        continue; // a REST client of a service, not a page
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!method.isAnnotationPresent(POST.class)) {
          continue;
        }
        posts.add(type.getSimpleName() + "." + method.getName());
        boolean takesToken = false;
        for (Parameter parameter : method.getParameters()) {
          FormParam form = parameter.getAnnotation(FormParam.class);
          takesToken |= form != null && form.value().equals(Csrf.FIELD);
        }
        if (!takesToken) {
          without.add(type.getName() + "." + method.getName());
        }
      }
    }
    assertThat(posts).isNotEmpty();
    assertThat(without).as("POST methods without @FormParam(Csrf.FIELD)").isEmpty();
  }

  private static List<Class<?>> consoleClasses() throws IOException, ClassNotFoundException {
    Path root = Path.of("target/classes");
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("dev/gort/console"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (!name.contains("$$") && !name.endsWith("_Subclass") && !name.contains("_Bean")) {
          classes.add(Class.forName(name, false, FormsHaveCsrfTest.class.getClassLoader()));
        }
      }
    }
    return classes;
  }
}
