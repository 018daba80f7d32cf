package io.cachelet.javax;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.javax.ClassReferences.Member;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.tomcat.util.descriptor.web.WebXml;
import org.apache.tomcat.util.descriptor.web.WebXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.Type;
import org.xml.sax.InputSource;

/**
 * The javax jars and WAR as the build leaves them: no Jakarta EE type left in any class, every Java
 * EE member Cachelet's classes call present in the Java EE 8 APIs (Servlet 4, CDI 2, EL 3), and
 * descriptors that a Servlet 4 container and CDI 2 accept.
 */
class JavaxArtifactsTest {

  private static final Set<String> JAKARTA_EE =
      Set.of(
          "jakarta/servlet/",
          "jakarta/enterprise/",
          "jakarta/interceptor/",
          "jakarta/el/",
          "jakarta/annotation/",
          "jakarta/inject/");
  private static final Set<String> JAVA_EE =
      JAKARTA_EE.stream().map(p -> p.replace("jakarta/", "javax/")).collect(Collectors.toSet());

  /** Each artifact is read once, for all the checks of its classes. */
  private static final Map<Path, ClassReferences> READ = new ConcurrentHashMap<>();

  /** The five javax artifacts, copied here by the build. */
  static List<Path> artifacts() {
    String dir = System.getProperty("cachelet.javax.artifacts");
    assertThat(dir).as("cachelet.javax.artifacts (set by the build)").isNotNull();
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      List<Path> artifacts = files.sorted().toList();
      assertThat(artifacts).hasSize(5);
      return artifacts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("artifacts")
  void namesNoJakartaEeTypeAnywhere(Path artifact) {
    assertThat(references(artifact).typesIn(JAKARTA_EE)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("artifacts")
  void cacheletCallsOnlyWhatTheJavaEe8ApisHave(Path artifact) {
    ClassReferences references = references(artifact);
    Map<String, Set<String>> missingTypes = new LinkedHashMap<>();
    references
        .typesIn(JAVA_EE)
        .forEach(
            (type, users) -> {
              if (byCachelet(users) && load(type) == null) {
                missingTypes.put(type, users);
              }
            });
    Map<Member, Set<String>> missingMembers = new LinkedHashMap<>();
    references
        .membersOf(JAVA_EE)
        .forEach(
            (member, users) -> {
              if (byCachelet(users) && !exists(member)) {
                missingMembers.put(member, users);
              }
            });

    assertThat(missingTypes).isEmpty();
    assertThat(missingMembers).isEmpty();
  }

  @Test
  void theFilterJarCarriesAFragmentTomcat9Validates() throws Exception {
    WebXml fragment = parse(artifact("cachelet-servlet-filter-javax"), "META-INF/web-fragment.xml");

    assertThat(fragment.getMajorVersion()).isEqualTo(4);
    assertThat(fragment.getName()).isEqualTo("cachelet");
    assertThat(fragment.getListeners()).containsExactly("io.cachelet.filter.FragmentListener");
  }

  @Test
  void theInterceptorJarIsACdi2BeanArchiveWithItsExtensionUnderJavax() throws Exception {
    Path jar = artifact("cachelet-cdi-interceptor-javax");

    assertThat(text(jar, "META-INF/beans.xml"))
        .contains("xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\"")
        .contains("beans_2_0.xsd")
        .contains("version=\"2.0\"")
        .contains("bean-discovery-mode=\"annotated\"")
        .doesNotContain("jakarta");
    assertThat(text(jar, "META-INF/services/javax.enterprise.inject.spi.Extension").trim())
        .isEqualTo("io.cachelet.cdi.CacheletExtension");
  }

  @Test
  void theSampleWarHasAServlet4WebXmlAndACdi2BeansXmlAndNoElOfItsOwn() throws Exception {
    Path war = artifact("cachelet-sample-webapp-javax");

    WebXml webXml = parse(war, "WEB-INF/web.xml");

    assertThat(webXml.getMajorVersion()).isEqualTo(4);
    assertThat(webXml.getListeners()).containsExactly("io.cachelet.sample.SampleWebApp");
    assertThat(text(war, "WEB-INF/beans.xml"))
        .contains("beans_2_0.xsd")
        .contains("version=\"2.0\"")
        .doesNotContain("jakarta");
    try (ZipFile zip = new ZipFile(war.toFile())) {
      assertThat(zip.stream().map(ZipEntry::getName))
          .filteredOn(name -> name.startsWith("WEB-INF/lib/"))
          .contains("WEB-INF/lib/cachelet-servlet-filter-" + version() + ".jar")
          .noneMatch(name -> name.contains("expressly"));
    }
  }

  /** Parses a deployment descriptor as Tomcat 9 does with validation on: against its schema. */
  private static WebXml parse(Path archive, String entry) throws IOException {
    WebXml webXml = new WebXml();
    WebXmlParser parser = new WebXmlParser(true, true, true);
    try (ZipFile zip = new ZipFile(archive.toFile());
        InputStream in = zip.getInputStream(zip.getEntry(entry))) {
      InputSource source = new InputSource(in);
      source.setSystemId(archive.toUri() + "!/" + entry);
      assertThat(parser.parseWebXml(source, webXml, entry.contains("fragment")))
          .as("%s is valid for Tomcat 9 (its findings are logged above)", entry)
          .isTrue();
    }
    return webXml;
  }

  private static ClassReferences references(Path artifact) {
    return READ.computeIfAbsent(artifact, ClassReferences::of);
  }

  private static boolean byCachelet(Set<String> users) {
    return users.stream().anyMatch(user -> user.contains("!/io/cachelet/"));
  }

  private static boolean exists(Member member) {
    Class<?> owner = load(member.owner());
    if (owner == null) {
      return false;
    }
    if (member.method() && member.name().equals("<init>")) {
      for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
        if (Type.getConstructorDescriptor(constructor).equals(member.descriptor())) {
          return true;
        }
      }
      return false;
    }
    // as the JVM resolves a reference: the class, its superclasses, then its interfaces
    Deque<Class<?>> types = new ArrayDeque<>(List.of(owner));
    while (!types.isEmpty()) {
      Class<?> type = types.pop();
      if (declares(type, member)) {
        return true;
      }
      if (type.getSuperclass() != null) {
        types.add(type.getSuperclass());
      }
      types.addAll(List.of(type.getInterfaces()));
    }
    return false;
  }

  private static boolean declares(Class<?> type, Member member) {
    if (member.method()) {
      for (Method method : type.getDeclaredMethods()) {
        if (method.getName().equals(member.name())
            && Type.getMethodDescriptor(method).equals(member.descriptor())) {
          return true;
        }
      }
      return false;
    }
    for (Field field : type.getDeclaredFields()) {
      if (field.getName().equals(member.name())
          && Type.getDescriptor(field.getType()).equals(member.descriptor())) {
        return true;
      }
    }
    return false;
  }

  private static Class<?> load(String internalName) {
    try {
      return Class.forName(
          internalName.replace('/', '.'), false, JavaxArtifactsTest.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static Path artifact(String artifactId) {
    String prefix = artifactId + "-" + version();
    return artifacts().stream()
        .filter(path -> path.getFileName().toString().startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No " + prefix + "* among " + artifacts()));
  }

  private static String version() {
    return System.getProperty("cachelet.javax.version");
  }

  private static String text(Path archive, String entry) throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      ZipEntry found = zip.getEntry(entry);
      assertThat(found).as("%s in %s", entry, archive.getFileName()).isNotNull();
      try (InputStream in = zip.getInputStream(found)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
