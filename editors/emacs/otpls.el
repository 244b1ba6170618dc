;;; otpls.el --- otpls (OTP anti-pattern linter) for eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, elixir, tools
;; URL: https://github.com/otpls/otpls

;;; Commentary:

;; Registers the otpls language server with eglot for Elixir buffers
;; (`elixir-mode', `elixir-ts-mode', `heex-ts-mode').  Install with
;; M-x package-install-file RET otpls.el, then:
;;
;;   (require 'otpls)
;;   (add-hook 'elixir-mode-hook #'eglot-ensure)
;;
;; Settings are sent as initializationOptions (the keys of .otpls.exs plus
;; diagnosticDelay, diagnosticsScope and codeLens): see `otpls-settings'.
;;
;; M-x otpls-tree shows the supervision tree otpls reads from the workspace, one button
;; per process jumping to its source.  From a send site (GenServer.call, an API function
;; that makes one) M-x xref-find-implementations (eglot-find-implementation) goes to the
;; handler clauses, and on a handle_call/handle_cast/handle_info head M-x
;; xref-find-references lists the senders.

;;; Code:

(require 'eglot)

(defgroup otpls nil
  "otpls, the OTP anti-pattern language server."
  :group 'tools
  :prefix "otpls-")

(defcustom otpls-executable "otpls"
  "Path of the otpls binary (or its name on `exec-path')."
  :type 'string)

(defcustom otpls-settings nil
  "Settings for otpls, as a plist: e.g. (:diagnosticDelay 100 :diagnosticsScope \"openFiles\")."
  :type 'plist)

(defconst otpls-modes '(elixir-mode elixir-ts-mode heex-ts-mode)
  "Major modes otpls serves.")

(defun otpls--contact (&optional _interactive)
  "The eglot contact for otpls, with initialization options."
  (unless (executable-find otpls-executable)
    (user-error "otpls: %s not found; install otpls or set `otpls-executable'" otpls-executable))
  (append (list otpls-executable "serve")
          (when otpls-settings (list :initializationOptions otpls-settings))))

(add-to-list 'eglot-server-programs (cons otpls-modes #'otpls--contact))

;;; The supervision tree (the otpls/supervisionTree request)

(defvar-local otpls--tree-server nil
  "The eglot server the tree buffer asks (kept for `revert-buffer').")

(define-derived-mode otpls-tree-mode special-mode "otpls-tree"
  "The supervision tree of an otpls workspace.
RET or a click on a process opens its source; \[revert-buffer] asks otpls again."
  (setq-local revert-buffer-function (lambda (&rest _) (otpls--tree-fill otpls--tree-server))))

(defun otpls--tree-jump (location)
  "Visit LOCATION, an LSP Location plist."
  (let ((file (eglot--uri-to-path (plist-get location :uri)))
        (start (plist-get (plist-get location :range) :start)))
    (find-file-other-window file)
    ;; `eglot--lsp-position-to-point' reads the UTF-16 column as the server counts it.
    (goto-char (eglot--lsp-position-to-point start))))

(defun otpls--tree-insert (node depth)
  "Insert NODE (a plist from the tree JSON) and its children, indented by DEPTH."
  (insert (make-string (* 2 depth) ?\s))
  (let ((label (or (plist-get node :label) (plist-get node :id) "?"))
        (location (plist-get node :location)))
    (if location
        (insert-text-button label 'action (lambda (_) (otpls--tree-jump location))
                            'follow-link t 'help-echo "Open this process's source"
                            'otpls-location location)
      (insert label)))
  (let ((detail (plist-get node :detail)))
    (when (and (stringp detail) (not (string-empty-p detail)))
      (insert (propertize (format "  (%s)" detail) 'face 'shadow))))
  (insert "\n")
  (seq-doseq (child (plist-get node :children))
    (otpls--tree-insert child (1+ depth))))

(defun otpls--tree-fill (server)
  "Ask SERVER for the supervision tree and show it in the current buffer."
  (let ((tree (jsonrpc-request server :otpls/supervisionTree (make-hash-table)))
        (inhibit-read-only t))
    (erase-buffer)
    (seq-doseq (app (plist-get tree :applications))
      (otpls--tree-insert app 0))
    (let ((orphans (plist-get tree :orphans)))
      (when (> (length orphans) 0)
        (insert "\n" (propertize "Supervisors not started by an application:" 'face 'shadow) "\n")
        (seq-doseq (node orphans) (otpls--tree-insert node 1))))
    (let ((edges (plist-get tree :edges)))
      (when (> (length edges) 0)
        (insert "\n" (propertize "Calls across branches (a restart of one surfaces as :noproc/:timeout in the other):"
                                 'face 'shadow) "\n")
        (seq-doseq (edge edges)
          (let ((location (plist-get edge :location)))
            (insert "  ")
            (insert-text-button (or (plist-get edge :label) "call") 'follow-link t
                                'action (lambda (_) (when location (otpls--tree-jump location))))
            (insert "\n")))))
    (when (= (point-min) (point-max))
      (insert "otpls found no application or supervisor in this workspace\n"))
    (goto-char (point-min))))

;;;###autoload
(defun otpls-tree ()
  "Show the supervision tree otpls reads from the current buffer's workspace."
  (interactive)
  (let ((server (eglot--current-server-or-lose))
        (buffer (get-buffer-create "*otpls tree*")))
    (with-current-buffer buffer
      (otpls-tree-mode)
      (setq otpls--tree-server server)
      (otpls--tree-fill server))
    (pop-to-buffer buffer)))

(provide 'otpls)
;;; otpls.el ends here
