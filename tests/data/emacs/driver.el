;;; driver.el --- loaded after the documented eglot snippet: open $AGL_FILE, start eglot -*- lexical-binding: t -*-
;; as `M-x eglot' would (from `eglot-server-programs'), wait for the diagnostics and write
;; what was seen to $AGL_OUT.
(require 'eglot)
(require 'json)
(defvar agl-diagnostics nil)
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (and (eq method 'textDocument/publishDiagnostics)
                         (> (length (plist-get params :diagnostics)) 0))
                (setq agl-diagnostics (plist-get params :diagnostics)))))
(find-file (getenv "AGL_FILE"))
(let* ((mode major-mode)
       (guess (eglot--guess-contact))
       (contact (nth 3 guess))
       (started (let ((eglot-sync-connect 60))  ; a loaded machine may take more than eglot's 3 s
                  (condition-case error (apply #'eglot guess) (error (message "eglot: %S" error) nil))))
       (server (and started (eglot-current-server))))
  (with-timeout (30) (while (and server (not agl-diagnostics)) (accept-process-output nil 0.1)))
  (with-temp-file (getenv "AGL_OUT")
    (insert (json-encode
             `((mode . ,(symbol-name mode))
               (command . ,(vconcat contact))
               (diagnostics . ,(vconcat (mapcar (lambda (d)
                                                  `((code . ,(plist-get d :code))
                                                    (line . ,(plist-get (plist-get (plist-get d :range) :start) :line))
                                                    (href . ,(plist-get (plist-get d :codeDescription) :href))))
                                                agl-diagnostics)))))))
  (when server (eglot-shutdown server)))
(kill-emacs 0)
