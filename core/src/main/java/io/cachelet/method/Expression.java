package io.cachelet.method;

import jakarta.el.ArrayELResolver;
import jakarta.el.BeanELResolver;
import jakarta.el.CompositeELResolver;
import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELResolver;
import jakarta.el.ExpressionFactory;
import jakarta.el.FunctionMapper;
import jakarta.el.ListELResolver;
import jakarta.el.MapELResolver;
import jakarta.el.StaticFieldELResolver;
import jakarta.el.ValueExpression;
import jakarta.el.VariableMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One Jakarta EL expression of a cache annotation, parsed once and evaluated per call against the
 * call's variables (parameters, {@code p0}…, {@code args}, {@code method}, {@code result}).
 *
 * <p>The text is an EL expression without delimiters ({@code "sku"}, {@code "user.id() > 0"}), or a
 * template with {@code ${…}} parts ({@code "${sku}:${locale}"}). Records' components read as
 * properties ({@code product.id}), which EL 5 alone doesn't do. Immutable and thread-safe.
 */
final class Expression {

  private static final ExpressionFactory FACTORY = ExpressionFactory.newInstance();
  private static final ELResolver RESOLVER = resolver();

  private final String text;
  private final ValueExpression parsed;
  private final Set<String> identifiers;

  private Expression(String text, ValueExpression parsed, Set<String> identifiers) {
    this.text = text;
    this.parsed = parsed;
    this.identifiers = identifiers;
  }

  /**
   * Parses {@code text}, to be coerced to {@code expected} when evaluated.
   *
   * @throws IllegalArgumentException when it doesn't parse; the message says why
   */
  static Expression parse(String text, Class<?> expected) {
    String el = text.contains("${") || text.contains("#{") ? text : "${" + text + "}";
    ParseContext context = new ParseContext();
    try {
      ValueExpression parsed = FACTORY.createValueExpression(context, el, expected);
      return new Expression(text, parsed, Set.copyOf(context.identifiers));
    } catch (ELException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The top-level names the expression reads, e.g. {@code sku} in {@code sku.trim()}. */
  Set<String> identifiers() {
    return identifiers;
  }

  /** The value for one call's {@code variables}. */
  Object evaluate(Map<String, Object> variables) {
    return parsed.getValue(new EvalContext(variables));
  }

  String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  private static ELResolver resolver() {
    CompositeELResolver composite = new CompositeELResolver();
    composite.add(new VariablesResolver());
    composite.add(new StaticFieldELResolver());
    composite.add(new RecordResolver());
    composite.add(new MapELResolver(true));
    composite.add(new ListELResolver(true));
    composite.add(new ArrayELResolver(true));
    composite.add(new BeanELResolver(true));
    return composite;
  }

  /** A context that resolves names with {@link #RESOLVER} and offers no functions. */
  private abstract static class ResolvingContext extends ELContext {
    @Override
    public ELResolver getELResolver() {
      return RESOLVER;
    }

    @Override
    public FunctionMapper getFunctionMapper() {
      return null;
    }
  }

  /** Records every identifier the parser asks about: how unknown names are found at deployment. */
  private static final class ParseContext extends ResolvingContext {
    final Set<String> identifiers = new LinkedHashSet<>();

    private final VariableMapper variables =
        new VariableMapper() {
          @Override
          public ValueExpression resolveVariable(String name) {
            identifiers.add(name);
            return null;
          }

          @Override
          public ValueExpression setVariable(String name, ValueExpression expression) {
            return null;
          }
        };

    @Override
    public VariableMapper getVariableMapper() {
      return variables;
    }
  }

  private static final class EvalContext extends ResolvingContext {
    EvalContext(Map<String, Object> variables) {
      // the EL implementation may wrap this context; the variables travel with it
      putContext(Variables.class, new Variables(variables));
    }

    @Override
    public VariableMapper getVariableMapper() {
      return null;
    }
  }

  private record Variables(Map<String, Object> values) {}

  /** What the resolvers here share: they only ever read. */
  private abstract static class ReadOnlyResolver extends ELResolver {
    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {}

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      return true;
    }
  }

  /** Resolves top-level names to the call's variables. */
  private static final class VariablesResolver extends ReadOnlyResolver {
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base == null
          && property instanceof String name
          && context.getContext(Variables.class) instanceof Variables call
          && call.values().containsKey(name)) {
        context.setPropertyResolved(true);
        return call.values().get(name);
      }
      return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return base == null ? String.class : null;
    }
  }

  /**
   * Reads a record's component as a property: {@code product.id} calls {@code id()}. The accessors
   * are looked up once per record class, not on every evaluation.
   */
  private static final class RecordResolver extends ReadOnlyResolver {

    private static final ClassValue<Map<String, Method>> ACCESSORS =
        new ClassValue<>() {
          @Override
          protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> byName = new HashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
              Method accessor = component.getAccessor();
              try {
                accessor.setAccessible(true);
              } catch (RuntimeException e) {
                // a record in a closed module: its public accessor may still be callable
              }
              byName.put(component.getName(), accessor);
            }
            return Map.copyOf(byName);
          }
        };

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base instanceof Record && property instanceof String name) {
        Method accessor = ACCESSORS.get(base.getClass()).get(name);
        if (accessor != null) {
          context.setPropertyResolved(true);
          try {
            return accessor.invoke(base);
          } catch (IllegalAccessException | InvocationTargetException e) {
            throw new ELException("Can't read " + name + " of " + base.getClass().getName(), e);
          }
        }
      }
      return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return null;
    }
  }
}
