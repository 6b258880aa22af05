package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadkitException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Calls every public method of a class with {@code null} in each object parameter, one position
 * at a time, the other arguments taken from a table of samples per parameter type, and checks
 * that each call is refused with a {@link LeadkitException} whose message names the parameter.
 * A parameter annotated {@link Nullable} is skipped: it accepts null. A method that throws
 * anything else (a {@link NullPointerException} above all) or returns normally is a failure.
 *
 * <p>Interface-typed parameters without a sample get a proxy whose methods return null or zero;
 * enums get their first constant, arrays an empty array. Every other type needs a sample, or
 * the check fails naming the missing type, so a new public method cannot slip past unchecked.
 */
public final class NullArguments {
  private final Map<Class<?>, Supplier<?>> samples = new LinkedHashMap<>();
  private final Set<String> skipped = new java.util.HashSet<>();

  private NullArguments() {}

  /**
   * A checker with samples for the JDK types every class uses ({@code String}, collections).
   *
   * @return a new checker
   */
  public static NullArguments custom() {
    NullArguments n = new NullArguments();
    n.sample(String.class, () -> "sample");
    n.sample(CharSequence.class, () -> "sample");
    n.sample(Object.class, () -> "sample");
    n.sample(List.class, List::of);
    n.sample(java.util.Collection.class, List::of);
    n.sample(Set.class, Set::of);
    n.sample(Map.class, Map::of);
    n.sample(java.util.Optional.class, java.util.Optional::empty);
    n.sample(java.time.Instant.class, () -> java.time.Instant.parse("2026-01-01T00:00:00Z"));
    n.sample(java.time.Duration.class, () -> java.time.Duration.ofMinutes(1));
    n.sample(java.io.Reader.class, () -> new java.io.StringReader("email\n"));
    n.sample(java.io.InputStream.class, () -> new java.io.ByteArrayInputStream(new byte[0]));
    n.sample(Class.class, () -> Object.class);
    return n;
  }

  /**
   * Uses {@code value} for parameters of exactly {@code type}.
   *
   * @param <T> the type
   * @param type the parameter type
   * @param value makes a fresh sample for each call
   * @return this
   */
  public <T> NullArguments sample(Class<T> type, Supplier<? extends T> value) {
    samples.put(type, value);
    return this;
  }

  /**
   * Leaves the named method (every overload) out, for a method that is not a host entry point.
   *
   * @param method the method name
   * @return this
   */
  public NullArguments skip(String method) {
    skipped.add(method);
    return this;
  }

  /**
   * Checks every public method {@code type} declares, calling instance methods on {@code target}.
   *
   * @param type the class whose methods are called
   * @param target the instance; only static methods are called if null
   * @return the number of null calls checked (so a test can assert it checked something)
   */
  public int check(Class<?> type, @Nullable Object target) {
    return check(type, target, false);
  }

  /**
   * Checks the public static methods of a value type, such as {@code LeadId.of}. These take one
   * value and may name the type or quote the null instead of the parameter ("LeadId must not be
   * null", "invalid segment id: null"); they must still throw a {@link LeadkitException}.
   *
   * @param type the value type
   * @return the number of null calls checked
   */
  public int checkFactories(Class<?> type) {
    return check(type, null, true);
  }

  private int check(Class<?> type, @Nullable Object target, boolean factory) {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    Method[] methods = type.getDeclaredMethods();
    java.util.Arrays.sort(methods, Comparator.comparing(Method::toString));
    for (Method m : methods) {
      if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || m.isBridge()
          || skipped.contains(m.getName())) {
        continue;
      }
      boolean isStatic = Modifier.isStatic(m.getModifiers());
      if (!isStatic && target == null) {
        continue;
      }
      Parameter[] params = m.getParameters();
      for (int i = 0; i < params.length; i++) {
        Parameter p = params[i];
        if (p.getType().isPrimitive() || nullable(p)) {
          continue;
        }
        Object[] args = new Object[params.length];
        try {
          for (int j = 0; j < params.length; j++) {
            args[j] = j == i ? null : sampleFor(params[j]);
          }
        } catch (IllegalStateException e) {
          failures.add(m + ": " + e.getMessage());
          continue;
        }
        checked++;
        String where = m.getName() + "(" + p.getName() + " = null)";
        try {
          m.invoke(isStatic ? null : target, args);
          failures.add(where + " returned normally");
        } catch (InvocationTargetException e) {
          Throwable t = e.getCause();
          if (!(t instanceof LeadkitException)) {
            failures.add(where + " threw " + t);
          } else if (!names(t.getMessage(), p.getName(), factory ? type.getSimpleName() : null)
              && !(setter(type, params.length) && names(t.getMessage(), m.getName(), null))) {
            failures.add(where + " threw " + t + ", not naming " + p.getName());
          }
        } catch (IllegalAccessException e) {
          failures.add(where + ": " + e);
        }
      }
    }
    assertThat(failures).as("null arguments to %s", type.getName()).isEmpty();
    return checked;
  }

  /**
   * A builder's one-argument setter may name its option (the method) instead of its parameter:
   * {@code clock(value)} says "clock must not be null".
   */
  private static boolean setter(Class<?> type, int parameters) {
    return parameters == 1 && type.getSimpleName().equals("Builder");
  }

  private static boolean names(@Nullable String message, String parameter,
      @Nullable String typeName) {
    if (message == null) {
      return false;
    }
    return message.contains(parameter) || typeName != null
        && (message.contains(typeName) || message.contains("null"));
  }

  private static boolean nullable(Parameter p) {
    return p.isAnnotationPresent(Nullable.class)
        || p.getAnnotatedType().isAnnotationPresent(Nullable.class);
  }

  private Object sampleFor(Parameter p) {
    Class<?> t = p.getType();
    Supplier<?> s = samples.get(t);
    if (s != null) {
      return s.get();
    }
    if (t.isPrimitive()) {
      return primitiveOne(t);
    }
    if (t.isEnum()) {
      return t.getEnumConstants()[0];
    }
    if (t.isArray()) {
      return Array.newInstance(t.getComponentType(), 0);
    }
    if (t.isInterface()) {
      return Proxy.newProxyInstance(t.getClassLoader(), new Class<?>[] {t},
          (proxy, method, args) -> switch (method.getName()) {
            case "equals" -> args != null && args.length == 1 && proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "sample " + t.getSimpleName();
            default -> defaultValue(method.getReturnType());
          });
    }
    throw new IllegalStateException("no sample for parameter " + p.getName() + " of type "
        + t.getName());
  }

  // one, not zero: a count or limit of zero may be refused before the null is seen
  private static Object primitiveOne(Class<?> type) {
    if (type == boolean.class) {
      return true;
    }
    if (type == char.class) {
      return 'a';
    }
    if (type == long.class) {
      return 1L;
    }
    if (type == double.class) {
      return 1.0;
    }
    if (type == float.class) {
      return 1f;
    }
    if (type == int.class) {
      return 1;
    }
    return type == short.class ? (short) 1 : (byte) 1;
  }

  private static @Nullable Object defaultValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == void.class || !type.isPrimitive()) {
      return null;
    }
    if (type == char.class) {
      return '\0';
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == float.class) {
      return 0f;
    }
    if (type == int.class) {
      return 0;
    }
    return type == short.class ? (short) 0 : (byte) 0;
  }
}
