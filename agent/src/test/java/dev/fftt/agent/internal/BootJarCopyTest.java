package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.internal.weave.WovenSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the boot jar is copied to: one reused file per content and user, never a bad one. */
class BootJarCopyTest {

  private static final String USER = System.getProperty("user.name");
  private static final byte[] CONTENT = "the boot jar's bytes".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path tmp;

  @Test
  void twoPlacementsReuseOneFileInTheUsersOwnerOnlyFolder() throws IOException {
    Path first = BootJarCopy.place(tmp, USER, "1.2.3", CONTENT);
    Path second = BootJarCopy.place(tmp, USER, "1.2.3", CONTENT);

    assertThat(second).isEqualTo(first);
    Path dir = tmp.resolve("fftt-" + BootJarCopy.safe(USER));
    assertThat(first.getParent()).isEqualTo(dir);
    assertThat(first.getFileName().toString()).matches("fftt-boot-1\\.2\\.3-[0-9a-f]+\\.jar");
    assertThat(list(tmp)).containsExactly(dir);
    assertThat(list(dir)).containsExactly(first);
    assertThat(Files.readAllBytes(first)).isEqualTo(CONTENT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first)))
        .isEqualTo("rw-------");
  }

  @Test
  void anotherContentOfTheSameVersionGetsAFileOfItsOwn() throws IOException {
    Path first = BootJarCopy.place(tmp, USER, "1.2.3-SNAPSHOT", CONTENT);
    byte[] rebuilt = "the rebuilt boot jar's bytes".getBytes(StandardCharsets.UTF_8);
    Path second = BootJarCopy.place(tmp, USER, "1.2.3-SNAPSHOT", rebuilt);

    assertThat(second).isNotEqualTo(first);
    assertThat(Files.readAllBytes(first)).isEqualTo(CONTENT);
    assertThat(Files.readAllBytes(second)).isEqualTo(rebuilt);
  }

  @Test
  void aCorruptOrPartialFileIsNotUsedButWrittenAgain() throws IOException {
    Path file = BootJarCopy.place(tmp, USER, "1", CONTENT);
    byte[] corrupt = CONTENT.clone();
    corrupt[3] ^= 1; // same size, one bit off
    for (byte[] bad : List.of(corrupt, new byte[0], "the boot".getBytes(StandardCharsets.UTF_8))) {
      Files.write(file, bad);

      Path placed = BootJarCopy.place(tmp, USER, "1", CONTENT);

      assertThat(placed).isEqualTo(file);
      assertThat(Files.readAllBytes(placed)).isEqualTo(CONTENT);
      assertThat(list(file.getParent())).containsExactly(file);
    }
  }

  @Test
  void aFolderOthersCouldWriteToIsNotUsed() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("fftt-" + BootJarCopy.safe(USER)));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path planted = dir.resolve(BootJarCopy.fileName("1", CONTENT));
    Files.write(planted, CONTENT);

    Path placed = BootJarCopy.place(tmp, USER, "1", CONTENT);

    assertThat(placed.getParent()).isEqualTo(tmp);
    assertThat(placed.getFileName().toString()).startsWith("fftt-boot-");
    assertThat(Files.readAllBytes(placed)).isEqualTo(CONTENT);
  }

  @Test
  void aFolderThatIsALinkOrOfAnotherUserIsNotUsed() throws IOException {
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.createSymbolicLink(tmp.resolve("fftt-" + BootJarCopy.safe(USER)), elsewhere);

    assertThat(BootJarCopy.place(tmp, USER, "1", CONTENT).getParent()).isEqualTo(tmp);
    assertThat(list(elsewhere)).isEmpty();
    assertThat(BootJarCopy.privateDir(elsewhere, USER + "-someone-else")).isNull();
    assertThat(BootJarCopy.privateDir(elsewhere, USER)).isEqualTo(elsewhere);
  }

  @Test
  void namesKeepToPlainCharacters() {
    assertThat(BootJarCopy.safe("DOMAIN\\jo smith/../x")).isEqualTo("DOMAIN_jo_smith_.._x");
    assertThat(BootJarCopy.safe("")).isEqualTo("_");
  }

  @Test
  void theRuntimePrefixNamesTheRuntimesClasses() {
    assertThat(Diagnostics.class.getName()).startsWith(BootJars.RUNTIME_PACKAGES);
    assertThat(WovenSettings.class.getName()).startsWith(BootJars.RUNTIME_PACKAGES);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().collect(Collectors.toList());
    }
  }
}
