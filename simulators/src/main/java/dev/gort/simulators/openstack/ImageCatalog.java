package dev.gort.simulators.openstack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Glance's images on a Chameleon-like site: the CC-* images (each base name, newest, plus dated
 * variants {@code CC-Ubuntu22.04-CUDA-20240326}) and a few others; about a hundred, the same on
 * every start (ids derived from the names).
 */
final class ImageCatalog {

  /** One image. */
  record Image(
      String id,
      String name,
      long size,
      int minDisk,
      int minRam,
      Instant createdAt,
      String osDistro,
      String osVersion,
      String variant,
      String owner) {

    ObjectNode json() {
      ObjectNode image = JsonNodeFactory.instance.objectNode();
      image.put("id", id);
      image.put("name", name);
      image.put("status", "active");
      image.put("visibility", "public");
      image.put("protected", false);
      image.put("os_hidden", false);
      image.put("checksum", hash(name, 32));
      image.put("os_hash_algo", "sha512");
      image.put("os_hash_value", hash(name, 128));
      image.put("owner", owner);
      image.put("size", size);
      image.putNull("virtual_size");
      image.put("min_disk", minDisk);
      image.put("min_ram", minRam);
      image.put("container_format", "bare");
      image.put("disk_format", "qcow2");
      image.put("created_at", OpenStackTime.iso(createdAt));
      image.put("updated_at", OpenStackTime.iso(createdAt.plusSeconds(600)));
      image.putArray("tags");
      image.put("os_distro", osDistro);
      image.put("os_version", osVersion);
      image.put("build-distro", osDistro);
      image.put("build-release", osVersion);
      image.put("build-variant", variant);
      image.put("hw_firmware_type", "uefi");
      image.put("stores", "file");
      image.put("self", "/v2/images/" + id);
      image.put("file", "/v2/images/" + id + "/file");
      image.put("schema", "/v2/schemas/image");
      return image;
    }
  }

  private record Base(String name, String distro, String version, String variant, long gb) {}

  private static final List<Base> CC =
      List.of(
          new Base("CC-Ubuntu24.04", "ubuntu", "24.04", "base", 4),
          new Base("CC-Ubuntu24.04-CUDA", "ubuntu", "24.04", "gpu", 14),
          new Base("CC-Ubuntu22.04", "ubuntu", "22.04", "base", 4),
          new Base("CC-Ubuntu22.04-CUDA", "ubuntu", "22.04", "gpu", 13),
          new Base("CC-Ubuntu20.04", "ubuntu", "20.04", "base", 3),
          new Base("CC-Ubuntu20.04-CUDA", "ubuntu", "20.04", "gpu", 11),
          new Base("CC-CentOS9-stream", "centos", "9", "base", 3),
          new Base("CC-CentOS8-stream", "centos", "8", "base", 3),
          new Base("CC-CentOS8-stream-CUDA", "centos", "8", "gpu", 10));

  private static final List<Base> OTHERS =
      List.of(
          new Base("Ubuntu-22.04-minimal", "ubuntu", "22.04", "minimal", 1),
          new Base("CentOS-7-legacy", "centos", "7", "base", 2),
          new Base("cirros-0.6.2-x86_64", "cirros", "0.6.2", "base", 0),
          new Base("ipa-deploy-kernel", "ipa", "2024.1", "deploy", 0),
          new Base("rocky-9-genericcloud", "rocky", "9", "base", 1),
          new Base("debian-12-genericcloud", "debian", "12", "base", 1));

  static final String CHAMELEON_OWNER = Keystone.hexId("project:openstack");

  private final List<Image> images;

  ImageCatalog() {
    List<Image> all = new ArrayList<>();
    LocalDate newest = LocalDate.of(2024, 6, 12);
    for (int b = 0; b < CC.size(); b++) {
      Base base = CC.get(b);
      all.add(image(base, base.name(), newest.minusDays(b), 0, CHAMELEON_OWNER));
      // ten monthly builds before the newest, as Chameleon keeps them
      for (int m = 1; m <= 9; m++) {
        LocalDate built = newest.minusMonths(m).withDayOfMonth(1 + (b * 3 + m) % 27);
        String dated = base.name() + "-" + built.toString().replace("-", "");
        all.add(image(base, dated, built, m, CHAMELEON_OWNER));
      }
    }
    for (int o = 0; o < OTHERS.size(); o++) {
      Base base = OTHERS.get(o);
      all.add(
          image(
              base,
              base.name(),
              newest.minusMonths(3 + o),
              o,
              Keystone.hexId("project:someone-else-" + o)));
    }
    all.sort(Comparator.comparing(Image::createdAt).reversed().thenComparing(Image::id));
    this.images = List.copyOf(all);
  }

  private static Image image(Base base, String name, LocalDate built, int age, String owner) {
    long size = Math.max(base.gb(), 0) * 1_073_741_824L + 117_440_512L * (age + 1) + name.length();
    int minDisk = base.gb() == 0 ? 0 : (int) Math.max(20, base.gb() * 2 + 10);
    int minRam = "gpu".equals(base.variant()) ? 4096 : 0;
    return new Image(
        UUID.nameUUIDFromBytes(("image:" + name).getBytes(StandardCharsets.UTF_8)).toString(),
        name,
        size,
        minDisk,
        minRam,
        built.atTime(9, 30).toInstant(ZoneOffset.UTC),
        base.distro(),
        base.version(),
        base.variant(),
        owner);
  }

  /** Every image, newest first (Glance's default sort: created_at desc, then id). */
  List<Image> all() {
    return images;
  }

  Optional<Image> byId(String id) {
    return images.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  private static String hash(String name, int hexDigits) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (out.length() < hexDigits) {
      out.append(
          UUID.nameUUIDFromBytes((name + i++).getBytes(StandardCharsets.UTF_8))
              .toString()
              .replace("-", ""));
    }
    return out.substring(0, hexDigits);
  }
}
