package dev.gort.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportStoreTest {

  @TempDir Path home;

  @Test
  void runNumbersCountPerPipelineFromTheFilesThere() throws Exception {
    ReportStore store = new ReportStore(home);
    assertThat(store.reserve("demo")).isEqualTo(1);
    assertThat(store.reserve("demo")).isEqualTo(2);
    assertThat(store.reserve("other")).isEqualTo(1);
    Files.writeString(home.resolve("reports/demo/9.json"), "");
    assertThat(store.reserve("demo")).isEqualTo(10);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("reports/demo/1.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void runsStartedAtOnceGetNumbersOfTheirOwn() throws Exception {
    ReportStore store = new ReportStore(home);
    Set<Integer> numbers = ConcurrentHashMap.newKeySet();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  numbers.add(new ReportStore(home).reserve("demo"));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(store.all(skipped -> {})).as("reserved, nothing written yet").isEmpty();
  }

  @Test
  void aFileThatIsNotAReportIsSkippedAndNamed() throws Exception {
    ReportStore store = new ReportStore(home);
    store.reserve("demo");
    Files.writeString(home.resolve("reports/demo/1.json"), "{\"version\": 9}");
    List<String> skipped = new ArrayList<>();
    assertThat(store.all(skipped::add)).isEmpty();
    assertThat(skipped).singleElement().asString().contains("1.json").contains("version 9");
  }
}
