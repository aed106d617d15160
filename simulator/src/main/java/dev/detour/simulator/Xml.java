package dev.detour.simulator;

import java.io.StringWriter;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Builds the XML documents PubMed answers with, through the JDK's DOM, so text is always escaped. */
final class Xml {

    private Xml() {}

    static Document document() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK cannot build an XML document", e);
        }
    }

    static Element add(Node parent, String name) {
        Document document = parent instanceof Document doc ? doc : parent.getOwnerDocument();
        Element element = document.createElement(name);
        parent.appendChild(element);
        return element;
    }

    static Element add(Node parent, String name, String text) {
        Element element = add(parent, name);
        element.setTextContent(text);
        return element;
    }

    /** Appends {@code spans} to {@code element} as mixed content: plain runs as text, tagged runs as child elements. */
    static Element spans(Element element, List<Span> spans) {
        for (Span span : spans) {
            if (span.isPlain()) {
                element.appendChild(element.getOwnerDocument().createTextNode(span.text()));
            } else {
                add(element, span.tag(), span.text());
            }
        }
        return element;
    }

    /** The document as text with an XML declaration and a {@code DOCTYPE} naming {@code publicId} and {@code systemId}. */
    static String write(Document document, String publicId, String systemId) {
        document.setXmlStandalone(true);
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.DOCTYPE_PUBLIC, publicId);
            transformer.setOutputProperty(OutputKeys.DOCTYPE_SYSTEM, systemId);
            StringWriter text = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(text));
            return text.toString() + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException("the JDK cannot write an XML document", e);
        }
    }
}
