package dev.fftt.agent.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The boot jar's copy on disk, which the JVM needs as a file of its own. One copy per content and
 * user, reused by every later start: {@code <tmpdir>/fftt-<user>/fftt-boot-<version>-<crc>.jar},
 * where the CRC-32 of the content makes a rebuilt agent of the same version write a new file.
 * Before reuse the file is compared byte for byte with the agent's nested jar (a partial or
 * corrupt file is written again); a new file is written under a temporary name and renamed into
 * place, so another JVM never sees it half written.
 *
 * <p>Whatever goes there is put on the boot class path, so the folder must be the user's alone:
 * it is created owner-only, and used only when it is a real directory (not a link) owned by this
 * user with no permission for anyone else; otherwise the agent falls back to a new private file
 * deleted on exit (as a killed JVM cannot do, such files can then pile up). Refers to the JDK
 * only: it runs before anything may load a runtime class.
 *
 * <p>Internal; not API, may change without notice.
 */
final class BootJarCopy {

  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private BootJarCopy() {}

  /**
   * A file holding exactly {@code content}, in the folder of {@code user} under {@code tmpDir}
   * (reused, or written now), or else a new private file deleted on exit.
   */
  static Path place(Path tmpDir, String user, String version, byte[] content) throws IOException {
    Path dir = privateDir(tmpDir.resolve("fftt-" + safe(user)), user);
    if (dir == null) {
      return newFile(tmpDir, "fftt-boot-", content, true);
    }
    Path file = dir.resolve(fileName(version, content));
    if (holds(file, content)) {
      return file;
    }
    Path written = newFile(dir, file.getFileName() + ".", content, false);
    try {
      // rename(2): atomic, and it replaces a corrupt file in place
      Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) { // AtomicMoveNotSupportedException among them
      // e.g. Windows while another JVM has the file open: that one is good unless it is corrupt
      if (holds(file, content)) {
        Files.deleteIfExists(written);
        return file;
      }
      written.toFile().deleteOnExit();
      return written;
    }
  }

  /** {@code fftt-boot-<version>-<crc32 of content>.jar}. */
  static String fileName(String version, byte[] content) {
    CRC32 crc = new CRC32();
    crc.update(content);
    return "fftt-boot-" + safe(version == null ? "dev" : version) + "-"
        + Long.toHexString(crc.getValue()) + ".jar";
  }

  /** {@code dir}, created owner-only if absent; {@code null} when others could write there. */
  static Path privateDir(Path dir, String user) {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (posix) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException exists) {
      // checked below, whoever made it
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
    try {
      if (!posix) {
        BasicFileAttributes attributes =
            Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.isDirectory() ? dir : null;
      }
      PosixFileAttributes attributes =
          Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      boolean ours = attributes.isDirectory() && attributes.owner().getName().equals(user)
          && OWNER_ONLY_DIR.containsAll(attributes.permissions());
      return ours ? dir : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Whether {@code file} is a regular file with exactly {@code content}. */
  static boolean holds(Path file, byte[] content) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() && attributes.size() == content.length
          && Arrays.equals(Files.readAllBytes(file), content);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Writes {@code content} to a file that did not exist before (so nobody else can have put
   * classes there) and only this user can read and write, named {@code prefix} and a unique part.
   * Not {@code Files.createTempFile}: its random names cost a SecureRandom, tens of milliseconds
   * of every start; the exclusive create is what makes the file safe, not its name.
   */
  private static Path newFile(Path dir, String prefix, byte[] content, boolean deleteOnExit)
      throws IOException {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] ownerOnly = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
        : new FileAttribute<?>[0];
    // (Not ProcessHandle for a pid either: its first use starts an executor.)
    for (int attempt = 0; ; attempt++) {
      Path file = dir.resolve(prefix + Long.toHexString(System.nanoTime())
          + Integer.toHexString(System.identityHashCode(content)) + ".tmp.jar");
      try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly))) {
        if (deleteOnExit) {
          file.toFile().deleteOnExit();
        }
        out.write(content);
        return file;
      } catch (FileAlreadyExistsException taken) {
        if (attempt == 9) {
          throw taken;
        }
      }
    }
  }

  /** {@code text} with anything but letters, digits, '.', '_' and '-' replaced by '_'. */
  static String safe(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      b.append(plain ? c : '_');
    }
    return b.length() == 0 ? "_" : b.toString();
  }
}
