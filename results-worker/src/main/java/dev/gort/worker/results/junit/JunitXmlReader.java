package dev.gort.worker.results.junit;

import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.UnprocessableResultsException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One JUnit XML document, read event by event: only the suite path, the test case being read and
 * the cases already read are held, never a tree of the document.
 */
final class JunitXmlReader {

  /** Longest suite path, test or class name kept; names are not meant to be essays. */
  static final int MAX_NAME_CHARS = 1_000;

  private final XMLStreamReader xml;
  private final ParseLimits limits;
  private final Deque<String> suites = new ArrayDeque<>();
  private String suitePath = ""; // null once the suites changed
  private final List<TestCaseResult> cases = new ArrayList<>();
  private int depth;
  private JunitTestCase testCase;
  private int testCaseDepth;
  // a flakyFailure/rerunFailure, whose stack trace is in a <stackTrace> child
  private JunitOutcome traceHolder;
  private int traceHolderDepth;
  private BoundedText collecting;
  private int collectingDepth;

  JunitXmlReader(XMLStreamReader xml, ParseLimits limits) {
    this.xml = xml;
    this.limits = limits;
  }

  List<TestCaseResult> read() throws XMLStreamException, UnprocessableResultsException {
    while (xml.hasNext()) {
      switch (xml.next()) {
        case XMLStreamConstants.START_ELEMENT -> start();
        case XMLStreamConstants.END_ELEMENT -> end();
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (collecting != null && depth == collectingDepth) {
            collecting.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
          }
        }
        case XMLStreamConstants.DTD ->
            throw unprocessable("the results declare a DTD (<!DOCTYPE>), which is not accepted");
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw unprocessable(
                "the results refer to the undeclared entity &"
                    + Untrusted.escape(xml.getLocalName(), Untrusted.DETAIL_LENGTH)
                    + "; "
                    + where());
        default -> {}
      }
    }
    return cases;
  }

  private void start() throws UnprocessableResultsException {
    depth++;
    if (depth > limits.maxDepth()) {
      throw unprocessable(
          "the results nest elements deeper than "
              + limits.maxDepth()
              + " levels, the most accepted ("
              + where()
              + ")");
    }
    String element = xml.getLocalName();
    if (depth == 1 && !element.equals("testsuites") && !element.equals("testsuite")) {
      throw new NotJunitXmlException(
          "not JUnit XML: root element <"
              + Untrusted.escape(element, Untrusted.DETAIL_LENGTH)
              + ">, where <testsuites> or <testsuite> was expected");
    }
    if (testCase == null) {
      if (element.equals("testsuite")) {
        suites.addLast(attribute("name"));
        suitePath = null;
      } else if (element.equals("testcase")) {
        startTestCase();
      }
    } else if (depth == testCaseDepth + 1) {
      startTestCaseChild(element);
    } else if (traceHolder != null
        && depth == traceHolderDepth + 1
        && element.equals("stackTrace")) {
      collect(traceHolder.text());
    }
  }

  private void startTestCase() throws UnprocessableResultsException {
    if (cases.size() >= limits.maxTestCases()) {
      throw unprocessable(
          "the results hold more than " + limits.maxTestCases() + " test cases, the most accepted");
    }
    if (suitePath == null) {
      String path = suites.stream().filter(s -> !s.isEmpty()).collect(Collectors.joining("/"));
      suitePath = ParseLimits.cut(path, MAX_NAME_CHARS);
    }
    testCase =
        new JunitTestCase(
            suitePath,
            attribute("name"),
            blankToNull(attribute("classname")),
            JunitTime.millis(xml.getAttributeValue(null, "time")),
            limits);
    testCaseDepth = depth;
  }

  private void startTestCaseChild(String element) {
    if (element.equals("system-out") || element.equals("system-err")) {
      collect(testCase.output());
      return;
    }
    OutcomeElement.named(element)
        .ifPresent(
            kind -> {
              JunitOutcome outcome = testCase.open(kind, xml.getAttributeValue(null, "message"));
              if (outcome != null && kind.traceInChild()) {
                traceHolder = outcome;
                traceHolderDepth = depth;
              } else if (outcome != null) {
                collect(outcome.text());
              }
            });
  }

  private void collect(BoundedText text) {
    collecting = text;
    collectingDepth = depth;
  }

  private void end() {
    if (collecting != null && depth == collectingDepth) {
      collecting = null;
    }
    if (traceHolder != null && depth == traceHolderDepth) {
      traceHolder = null;
    }
    if (testCase != null && depth == testCaseDepth) {
      cases.add(testCase.toResult());
      testCase = null;
    } else if (testCase == null && xml.getLocalName().equals("testsuite")) {
      suites.removeLast();
      suitePath = null;
    }
    depth--;
  }

  /** The attribute cut to a name's length; empty when absent. */
  private String attribute(String name) {
    String value = xml.getAttributeValue(null, name);
    return value == null ? "" : ParseLimits.cut(value.strip(), MAX_NAME_CHARS);
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private String where() {
    var location = xml.getLocation();
    return "at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
  }

  private static UnprocessableResultsException unprocessable(String message) {
    return new UnprocessableResultsException(message, null);
  }
}
