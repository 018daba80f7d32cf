package io.cachelet.javax;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * What the classes of a jar or WAR (with the jars in its {@code WEB-INF/lib}) refer to: types, and
 * the methods and fields they call on other types, each with the class file that refers to it.
 *
 * <p>Read by walking each class's structure, not by searching its constant pool: the transformer
 * leaves the constant pool entries it replaced behind, unreferenced, and those must not count;
 * whereas a type named only in a record component or a generic signature must.
 */
final class ClassReferences {

  /** A method or field of {@code owner}, as a class file names it to the JVM. */
  record Member(String owner, String name, String descriptor, boolean method) {
    @Override
    public String toString() {
      return owner + "." + name + (method ? "" : ":") + descriptor;
    }
  }

  private final Map<String, Set<String>> typesUsedBy = new LinkedHashMap<>();
  private final Map<Member, Set<String>> membersUsedBy = new LinkedHashMap<>();

  private ClassReferences() {}

  static ClassReferences of(Path archive) {
    ClassReferences references = new ClassReferences();
    try (InputStream in = Files.newInputStream(archive)) {
      references.readArchive(archive.getFileName().toString(), in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + archive, e);
    }
    return references;
  }

  /** Every type whose internal name starts with one of {@code prefixes}, and who refers to it. */
  Map<String, Set<String>> typesIn(Set<String> prefixes) {
    Map<String, Set<String>> found = new LinkedHashMap<>();
    typesUsedBy.forEach(
        (type, users) -> {
          if (prefixes.stream().anyMatch(type::startsWith)) {
            found.put(type, users);
          }
        });
    return found;
  }

  /** Every member called on a type whose internal name starts with one of {@code prefixes}. */
  Map<Member, Set<String>> membersOf(Set<String> prefixes) {
    Map<Member, Set<String>> found = new LinkedHashMap<>();
    membersUsedBy.forEach(
        (member, users) -> {
          if (prefixes.stream().anyMatch(member.owner()::startsWith)) {
            found.put(member, users);
          }
        });
    return found;
  }

  private void readArchive(String name, InputStream in) throws IOException {
    ZipInputStream zip = new ZipInputStream(in);
    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
      String path = name + "!/" + entry.getName();
      if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
        readClass(path, zip.readAllBytes());
      } else if (entry.getName().endsWith(".jar")) {
        readArchive(path, new ByteArrayInputStream(zip.readAllBytes()));
      }
    }
  }

  private void readClass(String path, byte[] bytes) {
    Remapper recorder =
        new Remapper() {
          @Override
          public String map(String internalName) {
            typesUsedBy.computeIfAbsent(internalName, t -> new TreeSet<>()).add(path);
            return internalName;
          }

          @Override
          public String mapMethodName(String owner, String name, String descriptor) {
            member(new Member(owner, name, descriptor, true));
            return name;
          }

          @Override
          public String mapFieldName(String owner, String name, String descriptor) {
            member(new Member(owner, name, descriptor, false));
            return name;
          }

          private void member(Member member) {
            membersUsedBy.computeIfAbsent(member, m -> new TreeSet<>()).add(path);
          }
        };
    // into a writer, which is thrown away: a visitor that declined method bodies, fields or
    // annotations would keep the remapper from seeing what they name
    new ClassReader(bytes).accept(new ClassRemapper(new ClassWriter(0), recorder), 0);
  }
}
