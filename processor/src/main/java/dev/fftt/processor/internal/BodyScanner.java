package dev.fftt.processor.internal;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.function.BiConsumer;
import javax.lang.model.element.Element;

/**
 * Walks one method body and hands each method call written directly in it, with the method it
 * resolves to (null when unresolved), to a consumer. Lambda bodies and the bodies of anonymous
 * and local classes are not the method's own code and are not entered; the arguments of an
 * anonymous class creation are.
 *
 * <p>Internal; not API, may change without notice.
 */
final class BodyScanner extends TreePathScanner<Void, Void> {

  private final Trees trees;
  private final BiConsumer<TreePath, Element> onCall;

  private BodyScanner(Trees trees, BiConsumer<TreePath, Element> onCall) {
    this.trees = trees;
    this.onCall = onCall;
  }

  /** Scans the code at {@code body}. */
  static void scan(TreePath body, Trees trees, BiConsumer<TreePath, Element> onCall) {
    new BodyScanner(trees, onCall).scan(body, null);
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
    onCall.accept(getCurrentPath(), trees.getElement(getCurrentPath()));
    return super.visitMethodInvocation(node, unused);
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree node, Void unused) {
    return null;
  }
}
