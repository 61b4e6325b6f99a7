package dev.gort.common.operation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code $filter} language of the operations API (seed 001): {@code eq ne gt ge lt le and or
 * not} and parentheses, over string and datetime literals, with the seed's precedence — {@code not}
 * binds tightest, then the relational operators, then equality, then {@code and}, then {@code or}.
 * So {@code not status eq 'running'} is {@code (not status) eq 'running'}: a type error.
 */
public final class Filter {

  /** The type of a field or literal. */
  public enum Type {
    STRING,
    DATETIME,
    BOOLEAN
  }

  /** A parsed, type-checked expression. */
  public sealed interface Expr permits Field, Literal, Not, Binary {
    Type type();
  }

  public record Field(String name, Type type) implements Expr {}

  public record Literal(Object value, Type type) implements Expr {}

  public record Not(Expr operand) implements Expr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }

  public record Binary(String op, Expr left, Expr right) implements Expr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }

  private record Token(String kind, String text, int position) {}

  /** Deeper nesting of parentheses and {@code not} is refused rather than risking the stack. */
  static final int MAX_DEPTH = 64;

  private static final Set<String> OPERATORS =
      Set.of("eq", "ne", "gt", "ge", "lt", "le", "and", "or", "not");

  private final List<Token> tokens;
  private final Map<String, Type> fields;
  private int next;
  private int depth;

  private Filter(List<Token> tokens, Map<String, Type> fields) {
    this.tokens = tokens;
    this.fields = fields;
  }

  /**
   * Parses {@code text} over the given fields and their types.
   *
   * @throws FilterException with the position of the first offending token
   */
  public static Expr parse(String text, Map<String, Type> fields) {
    Filter parser = new Filter(tokenize(text), fields);
    Expr e = parser.or();
    Token t = parser.peek();
    if (!t.kind.equals("end")) {
      throw new FilterException(
          "expected an operator or the end of the filter but found " + show(t), t.position);
    }
    if (e.type() != Type.BOOLEAN) {
      throw new FilterException("a filter must be a condition", 0);
    }
    return e;
  }

  /** Whether {@code e} holds for an item whose field values {@code values} gives. */
  public static boolean matches(Expr e, Function<String, Object> values) {
    return (Boolean) value(e, values);
  }

  private static Object value(Expr e, Function<String, Object> values) {
    if (e instanceof Field f) {
      return values.apply(f.name());
    }
    if (e instanceof Literal l) {
      return l.value();
    }
    if (e instanceof Not n) {
      return !(Boolean) value(n.operand(), values);
    }
    Binary b = (Binary) e;
    switch (b.op()) {
      case "and":
        return (Boolean) value(b.left(), values) && (Boolean) value(b.right(), values);
      case "or":
        return (Boolean) value(b.left(), values) || (Boolean) value(b.right(), values);
      default:
        return compare(b.op(), value(b.left(), values), value(b.right(), values));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean compare(String op, Object left, Object right) {
    if (op.equals("eq")) {
      return Objects.equals(left, right);
    }
    if (op.equals("ne")) {
      return !Objects.equals(left, right);
    }
    if (left == null || right == null) {
      return false;
    }
    int c = ((Comparable) left).compareTo(right);
    return switch (op) {
      case "gt" -> c > 0;
      case "ge" -> c >= 0;
      case "lt" -> c < 0;
      default -> c <= 0;
    };
  }

  // or := and ('or' and)*
  private Expr or() {
    Expr left = and();
    while (peekWord("or")) {
      Token op = take();
      left = logical(op, left, and());
    }
    return left;
  }

  // and := equality ('and' equality)*
  private Expr and() {
    Expr left = equality();
    while (peekWord("and")) {
      Token op = take();
      left = logical(op, left, equality());
    }
    return left;
  }

  // equality := relational (('eq' | 'ne') relational)*
  private Expr equality() {
    Expr left = relational();
    while (peekWord("eq") || peekWord("ne")) {
      Token op = take();
      left = comparison(op, left, relational());
    }
    return left;
  }

  // relational := unary (('gt' | 'ge' | 'lt' | 'le') unary)*
  private Expr relational() {
    Expr left = unary();
    while (peekWord("gt") || peekWord("ge") || peekWord("lt") || peekWord("le")) {
      Token op = take();
      left = comparison(op, left, unary());
    }
    return left;
  }

  // unary := 'not' unary | primary
  private Expr unary() {
    if (peekWord("not")) {
      Token op = take();
      Expr operand = nested(op, this::unary);
      if (operand.type() != Type.BOOLEAN) {
        throw new FilterException(
            "'not' needs a condition, not a " + describe(operand), op.position);
      }
      return new Not(operand);
    }
    return primary();
  }

  private Expr primary() {
    Token t = take();
    switch (t.kind) {
      case "(":
        Expr inner = nested(t, this::or);
        Token close = take();
        if (!close.kind.equals(")")) {
          throw new FilterException("expected ')'", close.position);
        }
        return inner;
      case "string":
        return new Literal(t.text, Type.STRING);
      case "datetime":
        try {
          return new Literal(Instant.parse(t.text), Type.DATETIME);
        } catch (DateTimeParseException e) {
          throw new FilterException("'" + t.text + "' is not an RFC 3339 UTC time", t.position);
        }
      case "word":
        if (OPERATORS.contains(t.text)) {
          throw new FilterException(
              "expected a field, a value or '(' but found '" + t.text + "'", t.position);
        }
        Type type = fields.get(t.text);
        if (type == null) {
          throw new FilterException(
              "unknown field '"
                  + t.text
                  + "'; known: "
                  + String.join(", ", new TreeSet<>(fields.keySet())),
              t.position);
        }
        return new Field(t.text, type);
      case "end":
        throw new FilterException("the filter ends too early", t.position);
      default:
        throw new FilterException("unexpected " + show(t), t.position);
    }
  }

  private Expr nested(Token opening, Supplier<Expr> inner) {
    if (++depth > MAX_DEPTH) {
      throw new FilterException("nested more than " + MAX_DEPTH + " levels deep", opening.position);
    }
    Expr e = inner.get();
    depth--;
    return e;
  }

  private static Expr logical(Token op, Expr left, Expr right) {
    for (Expr side : List.of(left, right)) {
      if (side.type() != Type.BOOLEAN) {
        throw new FilterException(
            "'" + op.text + "' needs conditions on both sides, not a " + describe(side),
            op.position);
      }
    }
    return new Binary(op.text, left, right);
  }

  private static Expr comparison(Token op, Expr left, Expr right) {
    if (left.type() == Type.BOOLEAN || right.type() == Type.BOOLEAN) {
      throw new FilterException(
          "'" + op.text + "' compares values, not conditions (use parentheses?)", op.position);
    }
    if (left.type() != right.type()) {
      throw new FilterException(
          "'" + op.text + "' compares a " + describe(left) + " with a " + describe(right),
          op.position);
    }
    return new Binary(op.text, left, right);
  }

  private static String describe(Expr e) {
    return e.type().name().toLowerCase();
  }

  private static String show(Token t) {
    return t.kind.equals("string") ? "'" + t.text.replace("'", "''") + "'" : "'" + t.text + "'";
  }

  private boolean peekWord(String word) {
    Token t = peek();
    return t.kind.equals("word") && t.text.equals(word);
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token t = tokens.get(next);
    if (!t.kind.equals("end")) {
      next++;
    }
    return t;
  }

  private static List<Token> tokenize(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        out.add(new Token(String.valueOf(c), String.valueOf(c), i));
        i++;
      } else if (c == '\'') {
        int start = i;
        StringBuilder s = new StringBuilder();
        i++;
        while (true) {
          if (i >= text.length()) {
            throw new FilterException("unterminated string", start);
          }
          if (text.charAt(i) == '\'') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
              s.append('\'');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          s.append(text.charAt(i++));
        }
        out.add(new Token("string", s.toString(), start));
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < text.length() && "0123456789-:.TZtz+".indexOf(text.charAt(i)) >= 0) {
          i++;
        }
        out.add(new Token("datetime", text.substring(start, i).toUpperCase(), start));
      } else if (Character.isLetter(c)) {
        int start = i;
        while (i < text.length()
            && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token("word", text.substring(start, i), start));
      } else {
        throw new FilterException("unexpected character '" + c + "'", i);
      }
    }
    out.add(new Token("end", "end of filter", text.length()));
    return out;
  }
}
